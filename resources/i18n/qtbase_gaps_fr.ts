<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Qt's own strings that the qtbase_fr.qm shipped with PySide6 does not translate (its French was
     made for older Qt sources: "Look in:" where Qt 6 asks for "&Look in:"), so that Qt's file dialog
     is not half English in French (issue #19 item 4). Written by hand, compiled by tools/i18n.py,
     loaded after qtbase_fr by app/ui/application.install_translators. To find more: tools/qt_gaps.py. -->
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Voir dans :</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Fichiers de &amp;type :</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Drive</source>
        <translation>Lecteur</translation>
    </message>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>Dossier</translation>
    </message>
</context>
</TS>
