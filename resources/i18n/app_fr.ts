<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>InvoiceFormPanel</name>
    <message>
        <location filename="../../app/ui/form_panel.py" line="13" />
        <source>Invoice form</source>
        <translation>Formulaire de facture</translation>
    </message>
    <message>
        <location filename="../../app/ui/form_panel.py" line="14" />
        <source>The invoice read from the selected document appears here</source>
        <translation>La facture lue dans le document sélectionné s’affiche ici</translation>
    </message>
    <message>
        <location filename="../../app/ui/form_panel.py" line="17" />
        <source>Import into Pennylane</source>
        <translation>Importer dans Pennylane</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="46" />
        <source>Not signed in</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="49" />
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="52" />
        <source>Main toolbar</source>
        <translation>Barre d’outils principale</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="58" />
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="61" />
        <source>Add invoice PDFs or folders (Ctrl+O)</source>
        <translation>Ajouter des factures PDF ou des dossiers (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="65" />
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="81" />
        <source>Demo mode: the built-in Pennylane stand-in is not available in this build yet.</source>
        <translation>Mode démo : la doublure locale de Pennylane n’est pas encore disponible dans cette version.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="83" />
        <source>Demo (offline)</source>
        <translation>Démo (hors ligne)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="87" />
        <source>Demo company (local stand-in)</source>
        <translation>Société de démo (doublure locale)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="88" />
        <source>Demo mode: connected to the local Pennylane stand-in at %1</source>
        <translation>Mode démo : connecté à la doublure locale de Pennylane sur %1</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="13" />
        <source>PDF preview</source>
        <translation>Aperçu du PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="14" />
        <source>Select a document to preview it</source>
        <translation>Sélectionnez un document pour l’afficher</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="16" />
        <source>Drop your invoice PDFs here

or press Ctrl+O to browse</source>
        <translation>Déposez vos factures PDF ici

ou appuyez sur Ctrl+O pour parcourir</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="23" />
        <source>Document queue</source>
        <translation>File des documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="31" />
        <source>Add invoice PDFs</source>
        <translation>Ajouter des factures PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="31" />
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
    </message>
</context>
</TS>