<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>AccountsController</name>
    <message>
        <location filename="../../app/ui/accounts.py" line="86" />
        <location filename="../../app/ui/accounts.py" line="87" />
        <source>Pennylane company</source>
        <translation>Société Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/accounts.py" line="130" />
        <source>Not connected — Sign in…</source>
        <translation>Non connecté — Se connecter…</translation>
    </message>
    <message>
        <location filename="../../app/ui/accounts.py" line="132" />
        <source>Sign in to Pennylane with a company API token or your Pennylane account</source>
        <translation>Se connecter à Pennylane avec un jeton API de la société ou votre compte Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/accounts.py" line="142" />
        <source>(sandbox)</source>
        <translation>(sandbox)</translation>
    </message>
    <message>
        <location filename="../../app/ui/accounts.py" line="150" />
        <source>Add a company…</source>
        <translation>Ajouter une société…</translation>
    </message>
    <message>
        <location filename="../../app/ui/accounts.py" line="274" />
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <location filename="../../app/ui/accounts.py" line="164" />
        <source>No company</source>
        <translation>Aucune société</translation>
    </message>
    <message>
        <location filename="../../app/ui/accounts.py" line="152" />
        <source>Sign out…</source>
        <translation>Se déconnecter…</translation>
    </message>
    <message>
        <location filename="../../app/ui/accounts.py" line="198" />
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <location filename="../../app/ui/accounts.py" line="209" />
        <source>No stored credentials for this company: sign in again.</source>
        <translation>Aucun identifiant enregistré pour cette société : reconnectez-vous.</translation>
    </message>
    <message>
        <location filename="../../app/ui/accounts.py" line="230" />
        <source>sandbox</source>
        <translation>sandbox</translation>
    </message>
    <message>
        <location filename="../../app/ui/accounts.py" line="232" />
        <source>demo</source>
        <translation>démo</translation>
    </message>
    <message>
        <location filename="../../app/ui/accounts.py" line="234" />
        <source>Connected to Pennylane</source>
        <translation>Connecté à Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/accounts.py" line="261" />
        <source>Signed in for this session only: you will have to sign in again next time.</source>
        <translation>Connecté pour cette session seulement : il faudra vous reconnecter au prochain lancement.</translation>
    </message>
    <message>
        <location filename="../../app/ui/accounts.py" line="263" />
        <source>Signed in; the credentials are in the system keyring.</source>
        <translation>Connecté ; les identifiants sont dans le trousseau du système.</translation>
    </message>
    <message>
        <location filename="../../app/ui/accounts.py" line="269" />
        <source>Nothing to sign out of: this company's credentials are not stored.</source>
        <translation>Rien à déconnecter : les identifiants de cette société ne sont pas enregistrés.</translation>
    </message>
    <message>
        <location filename="../../app/ui/accounts.py" line="275" />
        <source>Sign out of %1? The stored credentials are deleted from this computer; documents and history are kept.</source>
        <translation>Se déconnecter de %1 ? Les identifiants enregistrés sont supprimés de cet ordinateur ; les documents et l’historique sont conservés.</translation>
    </message>
    <message>
        <location filename="../../app/ui/accounts.py" line="283" />
        <source>Signed out of %1.</source>
        <translation>Déconnecté de %1.</translation>
    </message>
</context>
<context>
    <name>BatchConfirmDialog</name>
    <message>
        <location filename="../../app/ui/batch_confirm.py" line="38" />
        <source>Import into Pennylane</source>
        <translation>Importer dans Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch_confirm.py" line="42" />
        <source>Import 1 invoice into Pennylane?</source>
        <translation>Importer 1 facture dans Pennylane ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch_confirm.py" line="43" />
        <source>Import %1 invoices into Pennylane?</source>
        <translation>Importer %1 factures dans Pennylane ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch_confirm.py" line="55" />
        <source>Company: %1
Total incl. VAT: %2</source>
        <translation>Société : %1
Total TTC : %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch_confirm.py" line="63" />
        <source>1 needs your decision</source>
        <translation>1 à décider par vous</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch_confirm.py" line="64" />
        <source>%1 need your decision</source>
        <translation>%1 à décider par vous</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch_confirm.py" line="69" />
        <source>Ticked invoices are imported despite their warning; the others stay in the queue.</source>
        <translation>Les factures cochées sont importées malgré leur avertissement ; les autres restent dans la file.</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch_confirm.py" line="73" />
        <source>Import “%1” anyway</source>
        <translation>Importer « %1 » quand même</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch_confirm.py" line="95" />
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch_confirm.py" line="111" />
        <source>Import 1 invoice</source>
        <translation>Importer 1 facture</translation>
    </message>
    <message>
        <location filename="../../app/ui/batch_confirm.py" line="111" />
        <source>Import %1 invoices</source>
        <translation>Importer %1 factures</translation>
    </message>
</context>
<context>
    <name>BatchProgress</name>
    <message>
        <location filename="../../app/ui/import_progress.py" line="39" />
        <source>Import progress</source>
        <translation>Progression des imports</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_progress.py" line="87" />
        <source>%1 / %2 imported · %3 %</source>
        <translation>%1 / %2 importés · %3 %</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_progress.py" line="89" />
        <source>Stopping… %1 / %2</source>
        <translation>Arrêt… %1 / %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_progress.py" line="91" />
        <source>Paused · %1 / %2</source>
        <translation>En pause · %1 / %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_progress.py" line="93" />
        <source> (+%1 waiting)</source>
        <translation> (+%1 en attente)</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_progress.py" line="109" />
        <source>Waiting for Pennylane's rate limit (%1 requests per %2 s): resuming in %3 s</source>
        <translation>En attente de la limite de débit de Pennylane (%1 requêtes par %2 s) : reprise dans %3 s</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_progress.py" line="121" />
        <source>Importing…</source>
        <translation>Import en cours…</translation>
    </message>
</context>
<context>
    <name>CategoriesEditor</name>
    <message>
        <location filename="../../app/ui/form/categories.py" line="65" />
        <source>Analytic categories</source>
        <translation>Catégories analytiques</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/categories.py" line="69" />
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/categories.py" line="70" />
        <source>Weight in percent</source>
        <translation>Pondération en pourcentage</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/categories.py" line="71" />
        <source>Remove this category</source>
        <translation>Retirer cette catégorie</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/categories.py" line="72" />
        <source>Choose a category…</source>
        <translation>Choisir une catégorie…</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/categories.py" line="77" />
        <location filename="../../app/ui/form/categories.py" line="237" />
        <source>No analytic category.</source>
        <translation>Aucune catégorie analytique.</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/categories.py" line="79" />
        <source>Add a category</source>
        <translation>Ajouter une catégorie</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/categories.py" line="81" />
        <source>Add an analytic category (Ctrl+Shift+K)</source>
        <translation>Ajouter une catégorie analytique (Ctrl+Maj+K)</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/categories.py" line="209" />
        <source>Choose a category on every row, or remove the empty row.</source>
        <translation>Choisissez une catégorie sur chaque ligne, ou supprimez la ligne vide.</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/categories.py" line="212" />
        <source>A category appears twice.</source>
        <translation>Une catégorie apparaît deux fois.</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/categories.py" line="220" />
        <source>Group “%1”: the weights add up to %2, not %3.</source>
        <translation>Axe « %1 » : les pondérations font %2, pas %3.</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/categories.py" line="235" />
        <source>This company has no analytic category.</source>
        <translation>Cette société n’a aucune catégorie analytique.</translation>
    </message>
</context>
<context>
    <name>CounterpartDialog</name>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="237" />
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="237" />
        <source>New supplier</source>
        <translation>Nouveau fournisseur</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="266" />
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="267" />
        <source>&amp;SIREN:</source>
        <translation>SI&amp;REN :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="268" />
        <source>SIRE&amp;T:</source>
        <translation>SIRE&amp;T :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="269" />
        <source>&amp;VAT number:</source>
        <translation>N° de T&amp;VA :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="270" />
        <source>&amp;Address:</source>
        <translation>&amp;Adresse :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="271" />
        <source>&amp;Postal code:</source>
        <translation>Code &amp;postal :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="272" />
        <source>&amp;City:</source>
        <translation>Vi&amp;lle :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="273" />
        <source>C&amp;ountry (2 letters):</source>
        <translation>Pa&amp;ys (2 lettres) :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="274" />
        <source>&amp;IBAN:</source>
        <translation>&amp;IBAN :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="283" />
        <source>Pennylane keeps no SIRET for customers</source>
        <translation>Pennylane n’enregistre pas de SIRET pour les clients</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="287" />
        <source>Create in Pennylane</source>
        <translation>Créer dans Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="300" />
        <source>The name is required.</source>
        <translation>Le nom est obligatoire.</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="305" />
        <source>A SIREN has 9 digits.</source>
        <translation>Un SIREN a 9 chiffres.</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="310" />
        <source>A SIRET has 14 digits.</source>
        <translation>Un SIRET a 14 chiffres.</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="327" />
        <source>Pennylane needs the customer's full address: street, postal code, city and country.</source>
        <translation>Pennylane exige l’adresse complète du client : rue, code postal, ville et pays.</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="331" />
        <source>Fill in the whole address (street, postal code, city, country) or leave it empty.</source>
        <translation>Remplissez toute l’adresse (rue, code postal, ville, pays) ou laissez-la vide.</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="343" />
        <source>Not connected to Pennylane.</source>
        <translation>Non connecté à Pennylane.</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="352" />
        <source>Creating in Pennylane…</source>
        <translation>Création dans Pennylane…</translation>
    </message>
</context>
<context>
    <name>CounterpartPicker</name>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="86" />
        <source>Create the customer…</source>
        <translation>Créer le client…</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="87" />
        <source>Create this customer in Pennylane from the document (Ctrl+Shift+N)</source>
        <translation>Créer ce client dans Pennylane à partir du document (Ctrl+Maj+N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="88" />
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="89" />
        <source>Search a customer…</source>
        <translation>Rechercher un client…</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="91" />
        <source>Create the supplier…</source>
        <translation>Créer le fournisseur…</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="92" />
        <source>Create this supplier in Pennylane from the document (Ctrl+Shift+N)</source>
        <translation>Créer ce fournisseur dans Pennylane à partir du document (Ctrl+Maj+N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="93" />
        <source>Supplier</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="94" />
        <source>Search a supplier…</source>
        <translation>Rechercher un fournisseur…</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="158" />
        <source>SIRET</source>
        <translation>SIRET</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="159" />
        <source>SIREN</source>
        <translation>SIREN</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="160" />
        <source>VAT number</source>
        <translation>n° de TVA</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="161" />
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="162" />
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="166" />
        <source>Found in Pennylane: %1 (by %2)</source>
        <comment>%1: the supplier or customer; %2: SIRET 12345678900012</comment>
        <translation>Trouvé dans Pennylane : %1 (par %2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="171" />
        <source>Several share this %1 (%2): choose the right one</source>
        <translation>Plusieurs tiers ont ce %1 (%2) : choisissez le bon</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="175" />
        <source>No customer in Pennylane matches the document: choose one or create it</source>
        <translation>Aucun client Pennylane ne correspond au document : choisissez-le ou créez-le</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="177" />
        <source>No supplier in Pennylane matches the document: choose one or create it</source>
        <translation>Aucun fournisseur Pennylane ne correspond au document : choisissez-le ou créez-le</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="195" />
        <source>Warning: this invoice's IBAN (%1) differs from the one known for %2 (%3). Check with the supplier before paying.</source>
        <translation>Attention : l’IBAN de cette facture (%1) diffère de celui connu pour %2 (%3). Vérifiez auprès du fournisseur avant de payer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/counterpart.py" line="201" />
        <source>IBAN on this invoice: %1
IBAN in Pennylane: %2</source>
        <translation>IBAN de cette facture : %1
IBAN dans Pennylane : %2</translation>
    </message>
</context>
<context>
    <name>DeleteKey</name>
    <message>
        <location filename="../../app/ui/delete_key.py" line="27" />
        <source>Remove the selected lines or documents</source>
        <translation>Retirer les lignes ou les documents sélectionnés</translation>
    </message>
</context>
<context>
    <name>DraftEdits</name>
    <message>
        <location filename="../../app/ui/form/draft_edits.py" line="108" />
        <source>Created in Pennylane</source>
        <translation>Créé dans Pennylane</translation>
    </message>
</context>
<context>
    <name>DropOverlay</name>
    <message>
        <location filename="../../app/ui/drop_overlay.py" line="49" />
        <source>Drop to add 1 file</source>
        <translation>Déposez pour ajouter 1 fichier</translation>
    </message>
    <message>
        <location filename="../../app/ui/drop_overlay.py" line="49" />
        <source>Drop to add %1 files</source>
        <translation>Déposez pour ajouter %1 fichiers</translation>
    </message>
    <message>
        <location filename="../../app/ui/drop_overlay.py" line="51" />
        <source>Drop to add this folder or file</source>
        <translation>Déposez pour ajouter ce dossier ou ce fichier</translation>
    </message>
    <message>
        <location filename="../../app/ui/drop_overlay.py" line="52" />
        <source>Drop to add %1 files or folders</source>
        <translation>Déposez pour ajouter %1 fichiers ou dossiers</translation>
    </message>
</context>
<context>
    <name>EditBanner</name>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="93" />
        <source>&amp;Reload</source>
        <translation>&amp;Recharger</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="95" />
        <source>Load the invoice again from Pennylane (your unsaved changes are lost)</source>
        <translation>Recharger la facture depuis Pennylane (les modifications non enregistrées sont perdues)</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="96" />
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="98" />
        <source>Stop editing this invoice</source>
        <translation>Arrêter de modifier cette facture</translation>
    </message>
</context>
<context>
    <name>EditController</name>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="138" />
        <source>Open an imported &amp;invoice…</source>
        <translation>Ouvrir une &amp;facture importée…</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="141" />
        <source>Open an invoice already in Pennylane to correct it (%1)</source>
        <translation>Ouvrir une facture déjà dans Pennylane pour la corriger (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="188" />
        <location filename="../../app/ui/edit_controller.py" line="523" />
        <source>Not connected to Pennylane: sign in first.</source>
        <translation>Pas connecté à Pennylane : connectez-vous d’abord.</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="198" />
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="199" />
        <source>Loading invoice #%1 from Pennylane…</source>
        <translation>Chargement de la facture #%1 depuis Pennylane…</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="257" />
        <source>Wait until the invoice is saved or loaded.</source>
        <translation>Attendez la fin de l’enregistrement ou du chargement de la facture.</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="274" />
        <source>Save the changes to credit note %1 (#%2)?</source>
        <translation>Enregistrer les modifications de l’avoir n° %1 (#%2) ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="275" />
        <source>Save the changes to credit note #%2?</source>
        <translation>Enregistrer les modifications de l’avoir #%2 ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="277" />
        <source>Save the changes to invoice %1 (#%2)?</source>
        <translation>Enregistrer les modifications de la facture n° %1 (#%2) ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="278" />
        <source>Save the changes to invoice #%2?</source>
        <translation>Enregistrer les modifications de la facture #%2 ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="281" />
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="285" />
        <source>If you don't save, your changes are lost.</source>
        <translation>Si vous n’enregistrez pas, vos modifications seront perdues.</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="286" />
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="287" />
        <source>Do&amp;n't save</source>
        <translation>&amp;Ne pas enregistrer</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="288" />
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="348" />
        <source>Pennylane cannot change the label of a customer invoice through its API</source>
        <translation>L’API de Pennylane ne permet pas de modifier le libellé d’une facture client</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="352" />
        <location filename="../../app/ui/edit_controller.py" line="359" />
        <source>Editing %1</source>
        <translation>Modification de la %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="390" />
        <source>Invoice #%1 could not be loaded: %2</source>
        <translation>La facture #%1 n’a pas pu être chargée : %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="422" />
        <source>The invoice's PDF could not be downloaded from Pennylane (%1).</source>
        <translation>Le PDF de la facture n’a pas pu être téléchargé depuis Pennylane (%1).</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="440" />
        <source>Amounts in euros</source>
        <translation>Montants en euros</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="443" />
        <source>The invoice is in another currency: Pennylane books it in euros. Left as they are, these follow the currency amounts at the invoice's exchange rate.</source>
        <translation>La facture est dans une autre devise : Pennylane la comptabilise en euros. Laissés tels quels, ces montants suivent ceux en devise au taux de change de la facture.</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="452" />
        <source>Total incl. tax (EUR):</source>
        <translation>Total TTC (EUR) :</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="453" />
        <source>VAT (EUR):</source>
        <translation>TVA (EUR) :</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="454" />
        <source>Total incl. tax in euros</source>
        <translation>Total TTC en euros</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="455" />
        <source>VAT in euros</source>
        <translation>TVA en euros</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="457" />
        <source>Transaction reference</source>
        <translation>Référence de transaction</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="461" />
        <source>Tells Pennylane which bank transaction to match this invoice with: the transaction of the banking provider below whose field has this value (for example the transaction whose label contains the invoice number). Leave empty to let Pennylane match it as usual.</source>
        <translation>Indique à Pennylane avec quelle transaction bancaire rapprocher cette facture : la transaction de la banque ci-dessous dont le champ indiqué a cette valeur (par exemple celle dont le libellé contient le numéro de facture). Laissez vide pour que Pennylane la rapproche comme d’habitude.</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="468" />
        <source>e.g. bank</source>
        <translation>ex. bank</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="471" />
        <source>e.g. label</source>
        <translation>ex. label</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="474" />
        <source>e.g. VIR F-2025-001</source>
        <translation>ex. VIR F-2025-001</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="476" />
        <source>Banking &amp;provider:</source>
        <translation>&amp;Banque :</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="477" />
        <source>Field &amp;name:</source>
        <translation>&amp;Nom du champ :</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="478" />
        <source>Field &amp;value:</source>
        <translation>&amp;Valeur du champ :</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="527" />
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="543" />
        <location filename="../../app/ui/edit_controller.py" line="551" />
        <source>Nothing to save: the invoice is as in Pennylane.</source>
        <translation>Rien à enregistrer : la facture est identique à celle de Pennylane.</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="543" />
        <location filename="../../app/ui/edit_controller.py" line="554" />
        <source>Changes saved</source>
        <translation>Modifications enregistrées</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="545" />
        <location filename="../../app/ui/edit_controller.py" line="556" />
        <source>(they could not be written to the history: %1)</source>
        <translation>(elles n’ont pas pu être inscrites dans l’historique : %1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/edit_controller.py" line="560" />
        <source>— but not the analytic categories: %1 Set them again, then save.</source>
        <translation>— mais pas les catégories analytiques : %1 Indiquez-les à nouveau, puis enregistrez.</translation>
    </message>
</context>
<context>
    <name>FindingLabel</name>
    <message>
        <location filename="../../app/ui/form/widgets.py" line="242" />
        <source>Error:</source>
        <translation>Erreur :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/widgets.py" line="242" />
        <source>Warning:</source>
        <translation>Attention :</translation>
    </message>
</context>
<context>
    <name>FormActions</name>
    <message>
        <location filename="../../app/ui/form/actions.py" line="37" />
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/actions.py" line="37" />
        <source>Add a line</source>
        <translation>Ajouter une ligne</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/actions.py" line="39" />
        <source>Duplicate</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/actions.py" line="39" />
        <source>Duplicate the selected line</source>
        <translation>Dupliquer la ligne sélectionnée</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/actions.py" line="41" />
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/actions.py" line="42" />
        <source>Remove the selected lines</source>
        <translation>Supprimer les lignes sélectionnées</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/actions.py" line="44" />
        <source>One line from the totals</source>
        <translation>Une ligne depuis les totaux</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/actions.py" line="45" />
        <source>Replace the lines with a single line made from the declared totals</source>
        <translation>Remplacer les lignes par une seule ligne reprenant les totaux déclarés</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/actions.py" line="47" />
        <source>One line per VAT rate</source>
        <translation>Une ligne par taux de TVA</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/actions.py" line="48" />
        <source>Replace the lines with one line per VAT rate of the Factur-X breakdown</source>
        <translation>Remplacer les lignes par une ligne par taux de TVA du récapitulatif Factur-X</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/actions.py" line="50" />
        <source>Product…</source>
        <translation>Produit…</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/actions.py" line="51" />
        <source>Fill the selected line from the product catalogue</source>
        <translation>Remplir la ligne sélectionnée depuis le catalogue de produits</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/actions.py" line="53" />
        <source>Create…</source>
        <translation>Créer…</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/actions.py" line="54" />
        <source>Create the counterpart in Pennylane</source>
        <translation>Créer le tiers dans Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/actions.py" line="56" />
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/actions.py" line="57" />
        <source>Reload customers, suppliers, accounts, products and categories from Pennylane</source>
        <translation>Recharger clients, fournisseurs, comptes, produits et catégories depuis Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/actions.py" line="59" />
        <source>Add a category</source>
        <translation>Ajouter une catégorie</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/actions.py" line="60" />
        <source>Add an analytic category</source>
        <translation>Ajouter une catégorie analytique</translation>
    </message>
</context>
<context>
    <name>HeaderSection</name>
    <message>
        <location filename="../../app/ui/form/header.py" line="124" />
        <source>Invoice</source>
        <translation>Facture</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/header.py" line="134" />
        <source>Purchase (supplier invoice)</source>
        <translation>Achat (facture fournisseur)</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/header.py" line="135" />
        <source>Sale (customer invoice)</source>
        <translation>Vente (facture client)</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/header.py" line="137" />
        <source>Credit n&amp;ote</source>
        <translation>Av&amp;oir</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/header.py" line="139" />
        <source>A credit note: its amounts are negative</source>
        <translation>Un avoir : ses montants sont négatifs</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/header.py" line="148" />
        <source>&amp;Type:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/header.py" line="162" />
        <location filename="../../app/ui/form/header.py" line="202" />
        <source>&amp;Supplier:</source>
        <translation>&amp;Fournisseur :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/header.py" line="173" />
        <source>&amp;Date:</source>
        <translation>&amp;Date :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/header.py" line="174" />
        <source>D&amp;ue date:</source>
        <translation>Échéanc&amp;e :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/header.py" line="175" />
        <source>&amp;Number:</source>
        <translation>&amp;Numéro :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/header.py" line="176" />
        <source>Cu&amp;rrency:</source>
        <translation>Dev&amp;ise :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/header.py" line="177" />
        <source>&amp;Label:</source>
        <translation>&amp;Libellé :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/header.py" line="188" />
        <source>Accounting label (optional: Pennylane writes one)</source>
        <translation>Libellé comptable (facultatif : Pennylane en écrit un)</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/header.py" line="202" />
        <source>&amp;Customer:</source>
        <translation>&amp;Client :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/header.py" line="241" />
        <source>This invoice is not addressed to your company (%1): check the buyer and the seller.</source>
        <translation>Cette facture n’est pas adressée à votre société (%1) : vérifiez l’acheteur et le vendeur.</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/header.py" line="246" />
        <source>Your company is the buyer: this looks like a purchase.</source>
        <translation>Votre société est l’acheteur : c’est sans doute un achat.</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/header.py" line="247" />
        <source>Your company is the seller: this looks like a sale.</source>
        <translation>Votre société est le vendeur : c’est sans doute une vente.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="61" />
        <location filename="../../app/ui/history_dialog.py" line="114" />
        <source>Import history</source>
        <translation>Historique des imports</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="74" />
        <source>&amp;Show:</source>
        <translation>&amp;Afficher :</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="79" />
        <source>&amp;Open in Pennylane</source>
        <translation>&amp;Ouvrir dans Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="83" />
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="85" />
        <source>Open the imported invoice in the form to correct it</source>
        <translation>Ouvrir la facture importée dans le formulaire pour la corriger</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="88" />
        <source>&amp;Export as CSV…</source>
        <translation>&amp;Exporter en CSV…</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="90" />
        <source>Every document of this company with its state, ids, reasons and timestamps, for audit</source>
        <translation>Chaque document de cette société avec son état, ses identifiants, ses motifs et ses horodatages, pour l’audit</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="92" />
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="126" />
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="203" />
        <source>Supplier or customer, number or amount</source>
        <translation>Fournisseur ou client, numéro ou montant</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="207" />
        <source>&amp;Find:</source>
        <translation>&amp;Rechercher :</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="211" />
        <source>Invoice date &amp;from</source>
        <translation>Date de facture &amp;du</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="213" />
        <source>&amp;to</source>
        <translation>&amp;au</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="223" />
        <source>&amp;Clear</source>
        <translation>&amp;Effacer</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="225" />
        <source>Show every document again (the state filter stays)</source>
        <translation>Afficher de nouveau tous les documents (le filtre d’état reste)</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="266" />
        <source>Loading the history…</source>
        <translation>Chargement de l’historique…</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="285" />
        <source>The history could not be read: %1</source>
        <translation>L’historique n’a pas pu être lu : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="292" />
        <source>%1 documents</source>
        <translation>%1 documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="292" />
        <source>1 document</source>
        <translation>1 document</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="294" />
        <source>%1 of %2 documents</source>
        <translation>%1 documents sur %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="330" />
        <source>Opening invoice #%1 in the main window…</source>
        <translation>Ouverture de la facture #%1 dans la fenêtre principale…</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="343" />
        <source>Invoice #%1 is open for editing in the main window.</source>
        <translation>La facture #%1 est ouverte pour modification dans la fenêtre principale.</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="355" />
        <source>Export the import history</source>
        <translation>Exporter l’historique des imports</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="356" />
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="362" />
        <source>Exporting…</source>
        <translation>Export en cours…</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="373" />
        <source>%1 rows exported to %2</source>
        <translation>%1 lignes exportées dans %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_dialog.py" line="378" />
        <source>The CSV could not be written: %1</source>
        <translation>Le fichier CSV n’a pas pu être écrit : %1</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../app/ui/history_model.py" line="132" />
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="132" />
        <source>Counterpart</source>
        <translation>Tiers</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="132" />
        <source>Last change</source>
        <translation>Dernière modification</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="132" />
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="133" />
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="133" />
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="133" />
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="133" />
        <source>Invoice date</source>
        <translation>Date de facture</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="134" />
        <source>Pennylane id</source>
        <translation>N° Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="135" />
        <source>Purchase</source>
        <translation>Achat</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="135" />
        <source>Sale</source>
        <translation>Vente</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="137" />
        <source>Queued</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="138" />
        <source>Sending the PDF</source>
        <translation>Envoi du PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="139" />
        <source>PDF sent</source>
        <translation>PDF envoyé</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="140" />
        <source>Being created</source>
        <translation>En cours de création</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="141" />
        <source>Created, not checked</source>
        <translation>Créée, non vérifiée</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="142" />
        <source>Categorised, not checked</source>
        <translation>Catégorisée, non vérifiée</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="143" />
        <location filename="../../app/ui/history_model.py" line="151" />
        <source>Imported</source>
        <translation>Importée</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="144" />
        <location filename="../../app/ui/history_model.py" line="153" />
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="145" />
        <source>Duplicate, not imported</source>
        <translation>Doublon, non importé</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="150" />
        <source>All states</source>
        <translation>Tous les états</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="152" />
        <source>Unfinished</source>
        <translation>Inachevés</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="154" />
        <source>Duplicates</source>
        <translation>Doublons</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="229" />
        <source>Double-click to open invoice #%1 in Pennylane</source>
        <translation>Double-cliquez pour ouvrir la facture n° %1 dans Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="231" />
        <source>Duplicate of invoice #%1: double-click to open it in Pennylane</source>
        <translation>Doublon de la facture n° %1 : double-cliquez pour l’ouvrir dans Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_model.py" line="270" />
        <source>= %1</source>
        <translation>= %1</translation>
    </message>
</context>
<context>
    <name>ImportBar</name>
    <message>
        <location filename="../../app/ui/form/import_bar.py" line="26" />
        <location filename="../../app/ui/form/import_bar.py" line="41" />
        <source>I&amp;mport into Pennylane</source>
        <translation>I&amp;mporter dans Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/import_bar.py" line="31" />
        <source>&amp;Edit in Pennylane…</source>
        <translation>&amp;Modifier dans Pennylane…</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/import_bar.py" line="33" />
        <source>This invoice is in Pennylane: open it in edit mode to change it there</source>
        <translation>Cette facture est dans Pennylane : ouvrez-la en modification pour la changer là-bas</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/import_bar.py" line="41" />
        <source>&amp;Save changes</source>
        <translation>&amp;Enregistrer les modifications</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/import_bar.py" line="42" />
        <source>Save changes</source>
        <translation>Enregistrer les modifications</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/import_bar.py" line="42" />
        <source>Import into Pennylane</source>
        <translation>Importer dans Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/import_bar.py" line="58" />
        <source>This document is already in Pennylane.</source>
        <translation>Ce document est déjà dans Pennylane.</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/import_bar.py" line="59" />
        <source>This document is already in Pennylane (invoice #%1).</source>
        <translation>Ce document est déjà dans Pennylane (facture n° %1).</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/import_bar.py" line="62" />
        <source>Already imported: %1 To import it again all the same, use “Import anyway…” in the queue's context menu.</source>
        <translation>Déjà importée : %1 Pour l’importer à nouveau malgré tout, utilisez « Importer quand même… » dans le menu contextuel de la file.</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/import_bar.py" line="66" />
        <source>Being imported…</source>
        <translation>Import en cours…</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/import_bar.py" line="89" />
        <source>(and %1 more: point at this message)</source>
        <translation>(et %1 de plus : pointez ce message pour les voir)</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/import_bar.py" line="90" />
        <source>Before saving:</source>
        <translation>Avant d’enregistrer :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/import_bar.py" line="90" />
        <source>Before importing:</source>
        <translation>Avant d’importer :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/import_bar.py" line="102" />
        <source>Send the changes to Pennylane (Ctrl+Enter)</source>
        <translation>Envoyer les modifications à Pennylane (Ctrl+Entrée)</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/import_bar.py" line="103" />
        <source>Import this invoice into Pennylane (Ctrl+Enter)</source>
        <translation>Importer cette facture dans Pennylane (Ctrl+Entrée)</translation>
    </message>
</context>
<context>
    <name>ImportBatch</name>
    <message>
        <location filename="../../app/ui/import_batch.py" line="61" />
        <source>Waiting…</source>
        <translation>En attente…</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_batch.py" line="66" />
        <source>%1 more documents will be imported after the current batch.</source>
        <translation>%1 documents de plus seront importés après le lot en cours.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_batch.py" line="87" />
        <source>Importing %1 documents…</source>
        <translation>Import de %1 documents…</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_batch.py" line="88" />
        <source>Importing “%1”…</source>
        <translation>Import de « %1 »…</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_batch.py" line="108" />
        <source>Stopping the imports after the current step…</source>
        <translation>Arrêt des imports après l’étape en cours…</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_batch.py" line="115" />
        <source>Imports paused: the current step finishes, then nothing more is sent until you resume.</source>
        <translation>Imports en pause : l’étape en cours se termine, puis plus rien n’est envoyé jusqu’à la reprise.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_batch.py" line="117" />
        <source>Imports resumed.</source>
        <translation>Imports repris.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_batch.py" line="125" />
        <source>Stopping the imports before closing: the current step finishes first…</source>
        <translation>Arrêt des imports avant la fermeture : l’étape en cours se termine d’abord…</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_batch.py" line="136" />
        <source>Importing %1 %: %2</source>
        <translation>Import %1 % : %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_batch.py" line="161" />
        <source>Imported: Pennylane invoice #%1</source>
        <translation>Importée : facture Pennylane n° %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_batch.py" line="201" />
        <source>The import stopped unexpectedly: nothing is lost; import it again.</source>
        <translation>L’import s’est arrêté de façon inattendue : rien n’est perdu ; importez-le à nouveau.</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <location filename="../../app/ui/import_controller.py" line="132" />
        <source>Import &amp;all</source>
        <translation>Importer &amp;tout</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="132" />
        <source>Import every ready document into Pennylane</source>
        <translation>Importer dans Pennylane tous les documents prêts</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="134" />
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="134" />
        <source>Pause the imports after the current step</source>
        <translation>Mettre les imports en pause après l’étape en cours</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="135" />
        <source>Res&amp;ume</source>
        <translation>Re&amp;prendre</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="135" />
        <source>Resume the imports</source>
        <translation>Reprendre les imports</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="137" />
        <source>&amp;Stop</source>
        <translation>&amp;Arrêter</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="138" />
        <source>Stop the imports after the current step; nothing already sent is lost</source>
        <translation>Arrêter les imports après l’étape en cours ; rien de ce qui est déjà envoyé n’est perdu</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="140" />
        <source>&amp;History</source>
        <translation>&amp;Historique</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="140" />
        <source>Every import of this company, exportable as CSV</source>
        <translation>Tous les imports de cette société, exportables en CSV</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="142" />
        <source>&amp;Retry the import</source>
        <translation>&amp;Réessayer l’import</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="145" />
        <source>Import &amp;anyway…</source>
        <translation>Importer &amp;quand même…</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="148" />
        <source>Open in &amp;Pennylane</source>
        <translation>Ouvrir dans &amp;Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="297" />
        <source>No document is ready to import.</source>
        <translation>Aucun document n’est prêt à être importé.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="301" />
        <source>Nothing was imported.</source>
        <translation>Rien n’a été importé.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="331" />
        <source>Pennylane does not detect duplicates: importing %1 anyway creates another invoice in Pennylane beside the one already there%2.

Do it only if you are sure these are different invoices (for example, the supplier reused an invoice number). An invoice imported twice has to be deleted by hand in Pennylane.</source>
        <translation>Pennylane ne détecte pas les doublons : importer %1 quand même crée une autre facture dans Pennylane, à côté de celle qui s’y trouve déjà%2.

Ne le faites que si vous êtes sûr qu’il s’agit de factures différentes (par exemple, le fournisseur a réutilisé un numéro). Une facture importée deux fois doit être supprimée à la main dans Pennylane.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="335" />
        <source> (#%1)</source>
        <translation> (n° %1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="336" />
        <source>Import anyway?</source>
        <translation>Importer quand même ?</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="339" />
        <source>Import anyway</source>
        <translation>Importer quand même</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="349" />
        <source>Connect to Pennylane first: nothing was imported.</source>
        <translation>Connectez-vous d’abord à Pennylane : rien n’a été importé.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="376" />
        <source>“%1” is already imported (Pennylane invoice #%2): it is not sent twice.</source>
        <translation>« %1 » est déjà importé (facture Pennylane n° %2) : il n’est pas envoyé deux fois.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="379" />
        <source>“%1” is already being imported.</source>
        <translation>« %1 » est déjà en cours d’import.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="382" />
        <source>Not imported: %1 — see the reason in the queue.</source>
        <translation>Non importé : %1 — le motif est indiqué sur sa ligne dans la liste des documents.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="385" />
        <source>%1 documents are not ready (see their reason) and stay in the queue; the others are being imported.</source>
        <translation>%1 documents ne sont pas prêts (le motif est sur leur ligne) et restent dans la file ; les autres sont en cours d’import.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_controller.py" line="433" />
        <source>Pennylane refused the sign-in: sign in again, then retry the failed rows.</source>
        <translation>Pennylane a refusé la connexion : reconnectez-vous, puis relancez les lignes en échec.</translation>
    </message>
</context>
<context>
    <name>ImportStores</name>
    <message>
        <location filename="../../app/ui/import_stores.py" line="75" />
        <source>The import journal cannot be opened (%1): nothing can be imported safely.</source>
        <translation>Le journal des imports ne peut pas être ouvert (%1) : rien ne peut être importé sans risque.</translation>
    </message>
</context>
<context>
    <name>ImportTexts</name>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="93" />
        <source>Duplicate of Pennylane invoice #%1</source>
        <translation>Doublon de la facture Pennylane n° %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="95" />
        <source>Duplicate of “%1”</source>
        <translation>Doublon de « %1 »</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="97" />
        <source>Duplicate of another document</source>
        <translation>Doublon d’un autre document</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="102" />
        <source>Same file already imported on %1 as invoice #%2.</source>
        <translation>Même fichier déjà importé le %1 comme facture n° %2.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="105" />
        <source>in Pennylane</source>
        <translation>dans Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="105" />
        <source>in this app's journal</source>
        <translation>dans le journal de l’application</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="106" />
        <source>Same counterpart and invoice number %1 found %2.</source>
        <translation>Même tiers et même numéro de facture %1 trouvés %2.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="111" />
        <source>The import failed.</source>
        <translation>L’import a échoué.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="112" />
        <source>Nothing is lost: the document stays in the queue; right-click → Retry.</source>
        <translation>Rien n’est perdu : le document reste dans la file ; clic droit → Réessayer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="117" />
        <source>Import stopped half-way: Pennylane already holds it as invoice #%1; import it again to finish the checks (it is not created twice).</source>
        <translation>Import arrêté en cours de route : Pennylane la contient déjà (facture n° %1) ; importez-la à nouveau pour terminer les vérifications (elle n’est pas créée deux fois).</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="120" />
        <source>Import stopped half-way: what was already sent is kept; import it again to finish.</source>
        <translation>Import arrêté en cours de route : ce qui a déjà été envoyé est conservé ; importez-le à nouveau pour terminer.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="121" />
        <source>Import stopped before anything was sent: import it again when you are ready.</source>
        <translation>Import arrêté avant tout envoi : importez-le à nouveau quand vous êtes prêt.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="125" />
        <source>Checking for duplicates…</source>
        <translation>Recherche de doublons…</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="126" />
        <source>Sending the PDF…</source>
        <translation>Envoi du PDF…</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="127" />
        <source>Creating the invoice…</source>
        <translation>Création de la facture…</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="128" />
        <source>Setting the categories…</source>
        <translation>Pose des catégories…</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="129" />
        <source>Checking the invoice in Pennylane…</source>
        <translation>Vérification de la facture dans Pennylane…</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="130" />
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="140" />
        <source>1 imported</source>
        <translation>1 importé</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="140" />
        <source>%1 imported</source>
        <translation>%1 importés</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="142" />
        <source>1 duplicate</source>
        <translation>1 doublon</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="142" />
        <source>%1 duplicates</source>
        <translation>%1 doublons</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="144" />
        <source>1 failed (see its reason)</source>
        <translation>1 en échec (le motif est sur sa ligne)</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="144" />
        <source>%1 failed (see their reason)</source>
        <translation>%1 en échec (le motif est sur leur ligne)</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="146" />
        <source>1 stopped</source>
        <translation>1 arrêté</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="146" />
        <source>%1 stopped</source>
        <translation>%1 arrêtés</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_outcome.py" line="147" />
        <source>Import finished: %1.</source>
        <translation>Import terminé : %1.</translation>
    </message>
</context>
<context>
    <name>IntakeController</name>
    <message>
        <location filename="../../app/ui/intake.py" line="100" />
        <source>Looking for PDF files…</source>
        <translation>Recherche des fichiers PDF…</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="128" />
        <source>1 file already in the queue</source>
        <translation>1 fichier déjà dans la file</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="125" />
        <source>Not found: %1</source>
        <translation>Introuvable : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="127" />
        <source>%1 files already in the queue</source>
        <translation>%1 fichiers déjà dans la file</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="130" />
        <source>No PDF file in the dropped folder</source>
        <translation>Aucun fichier PDF dans le dossier déposé</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="140" />
        <source>Could not list the dropped files: %1</source>
        <translation>Impossible de parcourir les fichiers déposés : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="237" />
        <source>%1 files were already in the queue (same content): kept once</source>
        <translation>%1 fichiers étaient déjà dans la file (même contenu) : conservés une seule fois</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="241" />
        <source>“%1” is already in the queue</source>
        <translation>« %1 » est déjà dans la file</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="243" />
        <source>“%1” has the same content as “%2”, already in the queue: kept once</source>
        <translation>« %1 » a le même contenu que « %2 », déjà dans la file : conservé une seule fois</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="249" />
        <source>Reading %1 / %2…</source>
        <translation>Lecture %1 / %2…</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="253" />
        <source>1 file read</source>
        <translation>1 fichier lu</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="254" />
        <source>%1 files read</source>
        <translation>%1 fichiers lus</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="260" />
        <source>%1 documents</source>
        <translation>%1 documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="261" />
        <source>1 document</source>
        <translation>1 document</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="263" />
        <source>%1 ready</source>
        <translation>%1 prêts</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="263" />
        <source>1 ready</source>
        <translation>1 prêt</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="264" />
        <source>%1 to check</source>
        <translation>%1 à vérifier</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="264" />
        <source>1 to check</source>
        <translation>1 à vérifier</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="265" />
        <source>%1 unreadable</source>
        <translation>%1 illisibles</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="265" />
        <source>1 unreadable</source>
        <translation>1 illisible</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="266" />
        <source>%1 already imported</source>
        <translation>%1 déjà importés</translation>
    </message>
    <message>
        <location filename="../../app/ui/intake.py" line="266" />
        <source>1 already imported</source>
        <translation>1 déjà importé</translation>
    </message>
</context>
<context>
    <name>InvoiceFormPanel</name>
    <message>
        <location filename="../../app/ui/form_panel.py" line="53" />
        <source>Invoice form</source>
        <translation>Formulaire de facture</translation>
    </message>
    <message>
        <location filename="../../app/ui/form_panel.py" line="64" />
        <location filename="../../app/ui/form_panel.py" line="355" />
        <source>The invoice read from the selected document appears here</source>
        <translation>La facture lue dans le document sélectionné s’affiche ici</translation>
    </message>
    <message>
        <location filename="../../app/ui/form_panel.py" line="82" />
        <source>Import into Pennylane</source>
        <translation>Importer dans Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/form_panel.py" line="83" />
        <source>Import this invoice into Pennylane</source>
        <translation>Importer cette facture dans Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/form_panel.py" line="377" />
        <source>Invoice</source>
        <translation>Facture</translation>
    </message>
    <message>
        <location filename="../../app/ui/form_panel.py" line="209" />
        <source>Analytic cate&amp;gories</source>
        <translation>Catégories anal&amp;ytiques</translation>
    </message>
    <message>
        <location filename="../../app/ui/form_panel.py" line="360" />
        <source>Reading “%1”…</source>
        <translation>Lecture de « %1 »…</translation>
    </message>
    <message>
        <location filename="../../app/ui/form_panel.py" line="364" />
        <source>No invoice could be read from “%1”.</source>
        <translation>Aucune facture n’a pu être lue dans « %1 ».</translation>
    </message>
</context>
<context>
    <name>LicencesDialog</name>
    <message>
        <location filename="../../app/ui/menus.py" line="146" />
        <source>Licences</source>
        <translation>Licences</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="150" />
        <source>%1 (MIT licence)</source>
        <translation>%1 (licence MIT)</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="151" />
        <source>Third-party software</source>
        <translation>Logiciels tiers</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="169" />
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="177" />
        <source>The notices could not be read: %1</source>
        <translation>Les mentions n’ont pas pu être lues : %1</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <location filename="../../app/ui/form/lines.py" line="93" />
        <source>Label</source>
        <extracomment>A line's accounting period (Pennylane's ``imputation_dates``): shown when the form asks for it (``LinesView.fit_columns(periods=True)``: editing an imported invoice, or a line already has one).</extracomment>
        <translation>Libellé</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="94" />
        <source>Qty</source>
        <translation>Qté</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="95" />
        <source>Unit price</source>
        <translation>Prix unitaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="96" />
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="97" />
        <source>Rate</source>
        <translation>Taux</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="98" />
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="99" />
        <source>Excl. tax</source>
        <translation>HT</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="100" />
        <source>VAT</source>
        <translation>TVA</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="101" />
        <source>Incl. tax</source>
        <translation>TTC</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="102" />
        <source>From</source>
        <comment>accounting period</comment>
        <translation>Du</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="103" />
        <source>To</source>
        <comment>accounting period</comment>
        <translation>Au</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="106" />
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="107" />
        <source>Unit price excluding tax</source>
        <translation>Prix unitaire HT</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="108" />
        <source>Pennylane VAT code</source>
        <translation>Code TVA Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="109" />
        <source>Ledger account</source>
        <translation>Compte comptable</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="110" />
        <source>Amount excluding tax</source>
        <translation>Montant HT</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="111" />
        <source>VAT amount</source>
        <translation>Montant de TVA</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="112" />
        <source>Amount including tax</source>
        <translation>Montant TTC</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="113" />
        <source>Accounting period (imputation dates): first day — dd/mm/yyyy</source>
        <translation>Période d’imputation : premier jour — jj/mm/aaaa</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="114" />
        <source>Accounting period (imputation dates): last day — dd/mm/yyyy</source>
        <translation>Période d’imputation : dernier jour — jj/mm/aaaa</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="203" />
        <source>Pennylane's default account for this counterpart</source>
        <translation>Compte par défaut de Pennylane pour ce tiers</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="208" />
        <source>From the product catalogue</source>
        <translation>Depuis le catalogue de produits</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="211" />
        <source>Read from the Factur-X XML</source>
        <translation>Lu dans le XML Factur-X</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="213" />
        <source>Guessed from the PDF's text</source>
        <translation>Déduit du texte du PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines.py" line="215" />
        <source>Read by character recognition from the scan</source>
        <translation>Lu par reconnaissance de caractères sur le scan</translation>
    </message>
</context>
<context>
    <name>LinesSection</name>
    <message>
        <location filename="../../app/ui/form/lines_section.py" line="49" />
        <source>Invoice lines</source>
        <translation>Lignes de la facture</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines_section.py" line="59" />
        <source>L&amp;ines</source>
        <translation>Li&amp;gnes</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines_section.py" line="115" />
        <source>Line %1:</source>
        <translation>Ligne %1 :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines_section.py" line="122" />
        <source>…and %1 more</source>
        <translation>…et %1 de plus</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines_section.py" line="191" />
        <source>Enter the total excluding tax first.</source>
        <translation>Saisissez d’abord le total HT.</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/lines_section.py" line="206" />
        <source>VAT %1</source>
        <comment>a line per VAT rate; %1: 5.5%</comment>
        <translation>TVA %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="51" />
        <source>Not signed in</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="57" />
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="71" />
        <source>Main toolbar</source>
        <translation>Barre d’outils principale</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="77" />
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="79" />
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="81" />
        <source>Add invoice PDFs or folders (Ctrl+O)</source>
        <translation>Ajouter des factures PDF ou des dossiers (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="87" />
        <source>Add &amp;folder…</source>
        <translation>Ajouter un &amp;dossier…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="89" />
        <source>Add folder…</source>
        <translation>Ajouter un dossier…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="91" />
        <source>Add every PDF of a folder and its subfolders (Ctrl+Shift+O)</source>
        <translation>Ajouter tous les PDF d’un dossier et de ses sous-dossiers (Ctrl+Maj+O)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="96" />
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="105" />
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="261" />
        <source>Demo mode: the built-in Pennylane stand-in is not available in this build yet.</source>
        <translation>Mode démo : le simulateur local de Pennylane n’est pas encore disponible dans cette version.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="263" />
        <source>Demo (offline)</source>
        <translation>Démo (hors ligne)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="268" />
        <source>Demo company (local stand-in)</source>
        <translation>Société de démo (simulateur local)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="269" />
        <source>Demo mode: connected to the local Pennylane stand-in at %1</source>
        <translation>Mode démo : connecté au simulateur local de Pennylane sur %1</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../app/ui/menus.py" line="40" />
        <source>Add files (Browse…)</source>
        <translation>Ajouter des fichiers (Parcourir…)</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="41" />
        <source>Add a line</source>
        <translation>Ajouter une ligne</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="42" />
        <source>Duplicate the selected line</source>
        <translation>Dupliquer la ligne sélectionnée</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="43" />
        <source>Remove the selected lines</source>
        <translation>Supprimer les lignes sélectionnées</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="44" />
        <source>Fill the line from a product…</source>
        <translation>Remplir la ligne depuis un produit…</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="45" />
        <source>Create the supplier or customer…</source>
        <translation>Créer le fournisseur ou le client…</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="46" />
        <source>Reload suppliers, customers, accounts and products</source>
        <translation>Recharger fournisseurs, clients, comptes et produits</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="47" />
        <source>Remove the selected documents from the queue</source>
        <translation>Retirer de la file les documents sélectionnés</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="48" />
        <source>Undo the removal of documents</source>
        <translation>Annuler le retrait des documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="65" />
        <source>Invoice lines, document queue</source>
        <translation>Lignes de la facture, file des documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="66" />
        <location filename="../../app/ui/menus.py" line="67" />
        <source>Invoice lines</source>
        <translation>Lignes de la facture</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="68" />
        <location filename="../../app/ui/menus.py" line="69" />
        <source>Supplier or customer</source>
        <translation>Fournisseur ou client</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="70" />
        <source>Analytic categories</source>
        <translation>Catégories analytiques</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="71" />
        <source>Document queue</source>
        <translation>File des documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="72" />
        <source>Invoice form</source>
        <translation>Formulaire de la facture</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="73" />
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="74" />
        <source>Everywhere</source>
        <translation>Partout</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="186" />
        <source>&amp;Licences…</source>
        <translation>&amp;Licences…</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="198" />
        <source>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Imports invoice PDFs and Factur-X e-invoices into Pennylane (Company API v2).&lt;/p&gt;&lt;p&gt;Your sign-in is kept in the system keyring, never in a file.&lt;br&gt;Journal and settings: %3&lt;/p&gt;&lt;p&gt;Free software under the MIT licence. Built with Qt (LGPL-3.0) through PySide6, and other open-source libraries: see Licences.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Importe des factures PDF et des factures électroniques Factur-X dans Pennylane (API Company v2).&lt;/p&gt;&lt;p&gt;Votre connexion est conservée dans le trousseau du système, jamais dans un fichier.&lt;br&gt;Journal et réglages : %3&lt;/p&gt;&lt;p&gt;Logiciel libre sous licence MIT. Construit avec Qt (LGPL-3.0) via PySide6 et d’autres bibliothèques libres : voir Licences.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="213" />
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="231" />
        <source>&amp;Import</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="237" />
        <source>Supplier and customer &amp;rules…</source>
        <translation>&amp;Règles fournisseurs et clients…</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="239" />
        <source>What the app remembers for each supplier and customer</source>
        <translation>Ce que l’application retient de chaque fournisseur et client</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="250" />
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="251" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="256" />
        <source>&amp;About %1</source>
        <translation>À &amp;propos de %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="183" />
        <source>About %1</source>
        <translation>À propos de %1</translation>
    </message>
</context>
<context>
    <name>OpenInPennylane</name>
    <message>
        <location filename="../../app/ui/pennylane_links.py" line="53" />
        <source>Demo mode: the local stand-in has no web pages to open. Invoice #%1 is on the clipboard.</source>
        <translation>Mode démo : le simulateur local n’a pas de pages web à ouvrir. La facture n° %1 est dans le presse-papiers.</translation>
    </message>
    <message>
        <location filename="../../app/ui/pennylane_links.py" line="55" />
        <source>No web browser could be opened. Open %1 yourself and search for invoice #%2 (on the clipboard).</source>
        <translation>Aucun navigateur web n’a pu être ouvert. Ouvrez vous-même %1 et cherchez la facture n° %2 (dans le presse-papiers).</translation>
    </message>
    <message>
        <location filename="../../app/ui/pennylane_links.py" line="59" />
        <source>No web browser could be opened. Open %1 yourself (the address is on the clipboard).</source>
        <translation>Aucun navigateur web n’a pu être ouvert. Ouvrez vous-même %1 (l’adresse est dans le presse-papiers).</translation>
    </message>
    <message>
        <location filename="../../app/ui/pennylane_links.py" line="63" />
        <source>Pennylane opened in your browser; invoice #%1 is on the clipboard: paste it into Pennylane’s search.</source>
        <translation>Pennylane s’est ouvert dans votre navigateur ; la facture n° %1 est dans le presse-papiers : collez-la dans la recherche de Pennylane.</translation>
    </message>
</context>
<context>
    <name>OpenInvoiceDialog</name>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="39" />
        <source>Open an imported invoice</source>
        <translation>Ouvrir une facture importée</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="43" />
        <source>Open an invoice that is already in Pennylane to correct it: by its Pennylane id (the number at the end of its address in Pennylane) or by its invoice number.</source>
        <translation>Ouvrez une facture déjà dans Pennylane pour la corriger : par son identifiant Pennylane (le nombre à la fin de son adresse dans Pennylane) ou par son numéro de facture.</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="48" />
        <source>&amp;Supplier invoice (purchase)</source>
        <translation>Facture &amp;fournisseur (achat)</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="50" />
        <source>&amp;Customer invoice (sale)</source>
        <translation>Facture &amp;client (vente)</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="61" />
        <source>Invoice &amp;number</source>
        <translation>&amp;Numéro de facture</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="63" />
        <source>Pennylane &amp;id</source>
        <translation>&amp;Identifiant Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="76" />
        <source>Invoice number or Pennylane id</source>
        <translation>Numéro de facture ou identifiant Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="77" />
        <location filename="../../app/ui/open_invoice_dialog.py" line="116" />
        <source>e.g. F-2025-001</source>
        <translation>ex. F-2025-001</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="86" />
        <source>Invoices found</source>
        <translation>Factures trouvées</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="91" />
        <source>Type:</source>
        <translation>Type :</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="92" />
        <source>Search by:</source>
        <translation>Rechercher par :</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="93" />
        <source>&amp;Find:</source>
        <translation>&amp;Chercher :</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="97" />
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="98" />
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="116" />
        <source>e.g. 456</source>
        <translation>ex. 456</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="129" />
        <source>Type an invoice number or a Pennylane id.</source>
        <translation>Saisissez un numéro de facture ou un identifiant Pennylane.</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="132" />
        <source>Not connected to Pennylane: sign in first.</source>
        <translation>Pas connecté à Pennylane : connectez-vous d’abord.</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="136" />
        <source>A Pennylane id is a number, such as 456.</source>
        <translation>Un identifiant Pennylane est un nombre, par exemple 456.</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="142" />
        <source>Searching…</source>
        <translation>Recherche…</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="154" />
        <source>No invoice found. Check the number, the type (supplier or customer) and the company.</source>
        <translation>Aucune facture trouvée. Vérifiez le numéro, le type (fournisseur ou client) et la société.</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_invoice_dialog.py" line="161" />
        <source>%1 invoices found: choose one.</source>
        <translation>%1 factures trouvées : choisissez-en une.</translation>
    </message>
</context>
<context>
    <name>PageThumbnails</name>
    <message>
        <location filename="../../app/ui/preview_pages.py" line="62" />
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_pages.py" line="95" />
        <source>Page %1</source>
        <translation>Page %1</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="72" />
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="77" />
        <source>As the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="82" />
        <source>The new language applies the next time the app starts.</source>
        <translation>La nouvelle langue s’applique au prochain démarrage de l’application.</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="91" />
        <source>Your home folder</source>
        <translation>Votre dossier personnel</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="94" />
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="102" />
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="104" />
        <source>&amp;Invoices folder:</source>
        <translation>&amp;Dossier des factures :</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="107" />
        <source>Where “Browse…” opens when no invoice was added from a folder yet.</source>
        <translation>Là où « Parcourir… » s’ouvre tant qu’aucune facture n’a été ajoutée depuis un dossier.</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="133" />
        <source>Ask me (leave the due date empty)</source>
        <translation>Me demander (laisser l’échéance vide)</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="134" />
        <source>On receipt (the invoice date)</source>
        <translation>À réception (la date de facture)</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="135" />
        <source>After a number of days</source>
        <translation>Après un nombre de jours</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="140" />
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="141" />
        <source>Days after the invoice date</source>
        <translation>Jours après la date de facture</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="142" />
        <source>&amp;End of month</source>
        <translation>&amp;Fin de mois</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="144" />
        <source>Due on the last day of the month in which the days end (“30 days, end of month”)</source>
        <translation>Échéance le dernier jour du mois où le délai prend fin (« 30 jours fin de mois »)</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="150" />
        <source>For a document that prints no due date. The terms remembered for its supplier or customer come first.</source>
        <translation>Pour un document qui n’imprime pas d’échéance. Le délai mémorisé pour son fournisseur ou son client passe avant.</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="160" />
        <source>Usual payment &amp;terms:</source>
        <translation>Conditions de &amp;paiement habituelles :</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="162" />
        <source>&amp;Due after:</source>
        <translation>Payable &amp;sous :</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="180" />
        <source>Company</source>
        <translation>Société</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="181" />
        <source>Sign in to a Pennylane company to choose its usual payment terms.</source>
        <translation>Connectez-vous à une société Pennylane pour choisir ses conditions de paiement habituelles.</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="187" />
        <source>Company: %1</source>
        <translation>Société : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="209" />
        <source>Such a document waits for you to enter its due date (Pennylane requires one).</source>
        <translation>Un tel document attend que vous saisissiez son échéance (Pennylane l’exige).</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="211" />
        <source>Example: an invoice dated %1 is due on %2.</source>
        <translation>Exemple : une facture du %1 est payable le %2.</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="217" />
        <source>Invoices folder</source>
        <translation>Dossier des factures</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="228" />
        <source>The invoices folder must be a full path, such as %1.</source>
        <translation>Le dossier des factures doit être un chemin complet, par exemple %1.</translation>
    </message>
    <message>
        <location filename="../../app/ui/preferences_dialog.py" line="242" />
        <source>The preferences could not be saved: %1</source>
        <translation>Les préférences n’ont pas pu être enregistrées : %1</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="57" />
        <source>PDF preview</source>
        <translation>Aperçu du PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="62" />
        <source>PDF pages</source>
        <translation>Pages du PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="73" />
        <location filename="../../app/ui/preview_panel.py" line="177" />
        <source>Select a document to preview it</source>
        <translation>Sélectionnez un document pour l’afficher</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="93" />
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="94" />
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="95" />
        <source>Fit width</source>
        <translation>Pleine largeur</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="97" />
        <source>Rotate left</source>
        <translation>Tourner à gauche</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="99" />
        <source>Rotate right</source>
        <translation>Tourner à droite</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="103" />
        <source>Turn all pages</source>
        <translation>Tourner toutes les pages</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="107" />
        <source>Rotate left and right turn every page (checked) or only the page in view</source>
        <translation>Tourner à gauche et à droite tournent toutes les pages (coché) ou seulement la page affichée</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="182" />
        <location filename="../../app/ui/preview_panel.py" line="249" />
        <source>This file cannot be shown.</source>
        <translation>Ce fichier ne peut pas être affiché.</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="190" />
        <source>Opening “%1”…</source>
        <translation>Ouverture de « %1 »…</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="245" />
        <source>This PDF is protected by a password and cannot be shown.</source>
        <translation>Ce PDF est protégé par un mot de passe et ne peut pas être affiché.</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="247" />
        <source>This file cannot be shown: it is damaged or not a PDF.</source>
        <translation>Ce fichier ne peut pas être affiché : il est endommagé ou ce n’est pas un PDF.</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="256" />
        <source>This file cannot be shown: it was moved or deleted.</source>
        <translation>Ce fichier ne peut pas être affiché : il a été déplacé ou supprimé.</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="258" />
        <source>This file is too large to be shown.</source>
        <translation>Ce fichier est trop volumineux pour être affiché.</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="260" />
        <source>This file cannot be shown: %1</source>
        <translation>Ce fichier ne peut pas être affiché : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="424" />
        <source>Page %1 / %2</source>
        <translation>Page %1 / %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/preview_panel.py" line="436" />
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <location filename="../../app/ui/form/products.py" line="24" />
        <source>Product catalogue</source>
        <translation>Catalogue de produits</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/products.py" line="38" />
        <source>Type to filter…</source>
        <translation>Tapez pour filtrer…</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/products.py" line="39" />
        <source>Filter products</source>
        <translation>Filtrer les produits</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/products.py" line="43" />
        <source>Products</source>
        <translation>Produits</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/products.py" line="46" />
        <source>&amp;Search:</source>
        <translation>&amp;Rechercher :</translation>
    </message>
</context>
<context>
    <name>ProvenanceBadge</name>
    <message>
        <location filename="../../app/ui/form/widgets.py" line="158" />
        <source>Factur-X</source>
        <translation>Factur-X</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/widgets.py" line="159" />
        <source>Read from the Factur-X XML embedded in the PDF</source>
        <translation>Lu dans le XML Factur-X intégré au PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/widgets.py" line="162" />
        <source>text</source>
        <translation>texte</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/widgets.py" line="163" />
        <source>Guessed from the PDF's text: check it</source>
        <translation>Déduit du texte du PDF : à vérifier</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/widgets.py" line="166" />
        <source>remembered</source>
        <translation>mémorisé</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/widgets.py" line="167" />
        <source>Remembered from your earlier imports of this supplier or customer</source>
        <translation>Mémorisé d’après vos imports précédents de ce fournisseur ou client</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/widgets.py" line="171" />
        <source>your terms</source>
        <translation>vos conditions</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/widgets.py" line="172" />
        <source>From your usual payment terms (Preferences)</source>
        <translation>D’après vos conditions de paiement habituelles (Préférences)</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/widgets.py" line="175" />
        <source>OCR</source>
        <translation>OCR</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/widgets.py" line="176" />
        <source>Read by character recognition from the scan or photo: check it</source>
        <translation>Lu par reconnaissance de caractères sur le scan ou la photo : à vérifier</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../app/ui/queue_model.py" line="195" />
        <source>Reading…</source>
        <translation>Lecture…</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="197" />
        <source>Needs attention</source>
        <translation>À vérifier</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="198" />
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="196" />
        <source>Ready to import</source>
        <translation>Prête</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="199" />
        <source>Already imported</source>
        <translation>Doublon</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="200" />
        <source>Importing</source>
        <translation>Import en cours</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="201" />
        <source>Imported</source>
        <translation>Importée</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="203" />
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="203" />
        <source>Counterpart</source>
        <translation>Tiers</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="203" />
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="203" />
        <source>Incl. tax</source>
        <translation>TTC</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="204" />
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="204" />
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="204" />
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="205" />
        <source>File name (the full path is in each row's tooltip)</source>
        <translation>Nom du fichier (le chemin complet est dans l’info-bulle de chaque ligne)</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="206" />
        <source>The supplier or customer, as chosen in the form or read on the document</source>
        <translation>Le fournisseur ou le client, tel que choisi dans le formulaire ou lu sur le document</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="207" />
        <source>Invoice date</source>
        <translation>Date de facture</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="207" />
        <source>Total including VAT</source>
        <translation>Total toutes taxes comprises</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="208" />
        <source>Where the document stands</source>
        <translation>Où en est le document</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="208" />
        <source>Number of pages</source>
        <translation>Nombre de pages</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="209" />
        <source>Why the document is not ready, or what its import said</source>
        <translation>Pourquoi le document n’est pas prêt, ou ce qu’a dit son import</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="211" />
        <location filename="../../app/ui/queue_model.py" line="213" />
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="211" />
        <source>By counterpart</source>
        <translation>Par tiers</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="212" />
        <source>By date</source>
        <translation>Par date</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="212" />
        <source>By total</source>
        <translation>Par TTC</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="213" />
        <source>By file name</source>
        <translation>Par nom de fichier</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="214" />
        <source>Each document: its supplier or customer (the file name until one is read), then its invoice date and total incl. VAT. Click to sort by supplier or customer; right-click for the other sorts and the columns. Widen the queue for columns.</source>
        <translation>Chaque document : son fournisseur ou client (le nom du fichier tant qu’aucun n’est lu), puis la date et le total TTC de la facture. Cliquez pour trier par fournisseur ou client ; clic droit pour les autres tris et les colonnes. Élargissez la file pour avoir des colonnes.</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_model.py" line="221" />
        <source>Importing %1 %</source>
        <translation>Import %1 %</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="374" />
        <source>Drop your invoice PDFs here

or press Ctrl+O to browse</source>
        <translation>Déposez vos factures PDF ici

ou appuyez sur Ctrl+O pour parcourir</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="382" />
        <source>Document queue</source>
        <translation>File des documents</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="407" />
        <source>&amp;Remove from the queue</source>
        <translation>&amp;Retirer de la file</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="414" />
        <source>&amp;Next to check</source>
        <translation>Suivant à &amp;vérifier</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="417" />
        <source>Select the next document that needs attention or could not be read (F8)</source>
        <translation>Sélectionner le document suivant à vérifier ou illisible (F8)</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="420" />
        <source>Remove the &amp;imported documents</source>
        <translation>Retirer les documents &amp;importés</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="423" />
        <source>&amp;Undo the removal</source>
        <translation>&amp;Annuler le retrait</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="431" />
        <source>Show in &amp;folder</source>
        <translation>Afficher dans le &amp;dossier</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="433" />
        <source>&amp;Open in the PDF viewer</source>
        <translation>&amp;Ouvrir dans le lecteur PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="440" />
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="441" />
        <source>Show the documents of one status only (the document selected stays shown)</source>
        <translation>N’afficher que les documents d’un état (le document sélectionné reste affiché)</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="445" />
        <source>All (%1)</source>
        <translation>Tous (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="446" />
        <source>To check (%1)</source>
        <translation>À vérifier (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="447" />
        <source>Ready (%1)</source>
        <translation>Prêts (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="448" />
        <source>Imported (%1)</source>
        <translation>Importés (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="449" />
        <source>Errors (%1)</source>
        <translation>Erreurs (%1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="452" />
        <source>Every document of the queue</source>
        <translation>Tous les documents de la file</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="453" />
        <source>Documents that need attention, and those still being read</source>
        <translation>Documents à vérifier, et ceux en cours de lecture</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="454" />
        <source>Documents ready to import, and those being imported</source>
        <translation>Documents prêts à importer, et ceux en cours d’import</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="455" />
        <source>Documents imported, or already in Pennylane</source>
        <translation>Documents importés, ou déjà dans Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="456" />
        <source>Files that could not be read, and failed imports</source>
        <translation>Fichiers illisibles, et imports en échec</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="508" />
        <source>Open sample invoices</source>
        <translation>Ouvrir des factures d’exemple</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="510" />
        <source>Demo mode: write a few example invoices for the demo company and add them to the queue</source>
        <translation>Mode démo : crée quelques factures d’exemple pour la société de démonstration et les ajoute à la file</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="536" />
        <source>Writing the sample invoices…</source>
        <translation>Création des factures d’exemple…</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="547" />
        <source>Could not write the sample invoices: %1</source>
        <translation>Impossible de créer les factures d’exemple : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="551" />
        <source>Add invoice PDFs</source>
        <translation>Ajouter des factures PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="552" />
        <source>Invoices: PDF, scans and photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.webp *.bmp *.heic *.heif);;PDF files (*.pdf);;All files (*)</source>
        <translation>Factures : PDF, scans et photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.webp *.bmp *.heic *.heif);;Fichiers PDF (*.pdf);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="558" />
        <source>Add a folder of invoice PDFs</source>
        <translation>Ajouter un dossier de factures PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="694" />
        <source>Removed from the queue: %1 (Ctrl+Z in the queue puts them back)</source>
        <translation>Retiré de la file : %1 (Ctrl+Z dans la file les remet)</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="698" />
        <source>The document hidden by the filter stays in the queue.</source>
        <translation>Le document masqué par le filtre reste dans la file.</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="699" />
        <source>The %1 documents hidden by the filter stay in the queue.</source>
        <translation>Les %1 documents masqués par le filtre restent dans la file.</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="711" />
        <source>No imported document in the queue.</source>
        <translation>Aucun document importé dans la file.</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="714" />
        <source>%1 imported documents removed from the queue (Ctrl+Z in the queue puts them back)</source>
        <translation>Documents importés retirés de la file : %1 (Ctrl+Z dans la file les remet)</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="744" />
        <location filename="../../app/ui/queue_panel.py" line="760" />
        <source>Nothing left to check in the queue.</source>
        <translation>Plus rien à vérifier dans la file.</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="761" />
        <source>Next to check: “%1”.</source>
        <translation>À vérifier ensuite : « %1 ».</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="302" />
        <source>%1 (no room: widen the queue)</source>
        <translation>%1 (pas de place : élargissez la file)</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="310" />
        <source>In the order added</source>
        <translation>Dans l’ordre d’ajout</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="322" />
        <source>Sort by</source>
        <translation>Trier par</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="327" />
        <source>Supplier or customer</source>
        <translation>Fournisseur ou client</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="327" />
        <source>Invoice date</source>
        <translation>Date de facture</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="328" />
        <source>Total incl. VAT</source>
        <translation>Total TTC</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="329" />
        <source>File name</source>
        <translation>Nom du fichier</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="337" />
        <source>Ascending</source>
        <translation>Croissant</translation>
    </message>
    <message>
        <location filename="../../app/ui/queue_panel.py" line="338" />
        <source>Descending</source>
        <translation>Décroissant</translation>
    </message>
</context>
<context>
    <name>ResumeBanner</name>
    <message>
        <location filename="../../app/ui/import_resume.py" line="33" />
        <source>&amp;Resume</source>
        <translation>&amp;Reprendre</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_resume.py" line="36" />
        <source>I&amp;gnore</source>
        <translation>I&amp;gnorer</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_resume.py" line="41" />
        <source>Interrupted imports</source>
        <translation>Imports interrompus</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_resume.py" line="46" />
        <source>1 import was interrupted. Resume it? Nothing already sent to Pennylane is sent again.</source>
        <translation>1 import interrompu. Le reprendre ? Rien de ce qui a déjà été envoyé à Pennylane n’est renvoyé.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_resume.py" line="48" />
        <source>%1 imports were interrupted. Resume them? Nothing already sent to Pennylane is sent again.</source>
        <translation>%1 imports interrompus. Les reprendre ? Rien de ce qui a déjà été envoyé à Pennylane n’est renvoyé.</translation>
    </message>
</context>
<context>
    <name>ResumeOffer</name>
    <message>
        <location filename="../../app/ui/import_resume.py" line="134" />
        <source>Interrupted imports left aside: they stay in the history and are offered again at the next start.</source>
        <translation>Imports interrompus laissés de côté : ils restent dans l’historique et seront proposés à nouveau au prochain démarrage.</translation>
    </message>
</context>
<context>
    <name>RotatedPages</name>
    <message>
        <location filename="../../app/ui/preview_pages.py" line="192" />
        <source>Page %1</source>
        <translation>Page %1</translation>
    </message>
</context>
<context>
    <name>RouteBox</name>
    <message>
        <location filename="../../app/ui/import_route.py" line="47" />
        <source>Import the form's values</source>
        <translation>Importer les valeurs du formulaire</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_route.py" line="48" />
        <source>Pennylane e-invoice import</source>
        <translation>Import de facture électronique Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_route.py" line="49" />
        <source>Import route</source>
        <translation>Mode d’import</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_route.py" line="51" />
        <source>Route:</source>
        <translation>Mode :</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_route.py" line="89" />
        <source>Not a Factur-X e-invoice: the form's values are sent (only a Factur-X file with its lines can go through Pennylane's e-invoice import).</source>
        <translation>Pas une facture électronique Factur-X : les valeurs du formulaire sont envoyées (seul un fichier Factur-X avec ses lignes peut passer par l’import de facture électronique de Pennylane).</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_route.py" line="92" />
        <source>Factur-X %1 carries no invoice lines: standard import with the form's values.</source>
        <translation>Factur-X %1 : pas de lignes de facture, import classique avec les valeurs du formulaire.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_route.py" line="94" />
        <source>Factur-X %1: Pennylane will read the lines of the electronic invoice. Your edits to the lines are not sent; the counterpart and categories are.</source>
        <translation>Factur-X %1 : Pennylane lira les lignes de la facture électronique. Vos modifications des lignes ne sont pas envoyées ; le tiers et les catégories le sont.</translation>
    </message>
    <message>
        <location filename="../../app/ui/import_route.py" line="97" />
        <source>Factur-X %1: the form's values are sent. Choose the e-invoice import to let Pennylane read the lines of the electronic invoice instead.</source>
        <translation>Factur-X %1 : les valeurs du formulaire sont envoyées. Choisissez l’import de facture électronique pour que Pennylane lise plutôt les lignes de la facture électronique.</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="63" />
        <location filename="../../app/ui/rules_dialog.py" line="190" />
        <source>Supplier and customer rules</source>
        <translation>Règles fournisseurs et clients</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="65" />
        <source>What the app remembers for %1, learned from your imports. It never leaves this computer unless you export it.</source>
        <translation>Ce que l’application retient pour %1, appris de vos imports. Rien ne quitte cet ordinateur sauf si vous l’exportez.</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="71" />
        <source>Supplier or customer / field</source>
        <translation>Fournisseur ou client / champ</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="71" />
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="72" />
        <source>Learned</source>
        <translation>Appris le</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="72" />
        <source>Replaced</source>
        <translation>Remplaçait</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="73" />
        <source>Remembered rules</source>
        <translation>Règles mémorisées</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="81" />
        <source>&amp;Forget</source>
        <translation>&amp;Oublier</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="85" />
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="88" />
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="103" />
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="109" />
        <source>supplier</source>
        <translation>fournisseur</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="109" />
        <source>customer</source>
        <translation>client</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="116" />
        <source>read after “%1”</source>
        <translation>lu après « %1 »</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="116" />
        <source>read at its place on the page</source>
        <translation>lu à sa place sur la page</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="117" />
        <source>%1 (place)</source>
        <translation>%1 (emplacement)</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="119" />
        <source>Ledger account</source>
        <translation>Compte comptable</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="120" />
        <source>VAT code</source>
        <translation>Code TVA</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="121" />
        <source>Payment terms (days)</source>
        <translation>Délai de paiement (jours)</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="122" />
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="123" />
        <source>Categories</source>
        <translation>Catégories</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="133" />
        <source>Nothing is remembered for this company yet: it learns from each import.</source>
        <translation>Rien n’est encore mémorisé pour cette société : l’application apprend à chaque import.</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="134" />
        <source>%1 suppliers and customers</source>
        <translation>%1 fournisseurs et clients</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="146" />
        <source>It did not work: %1</source>
        <translation>Cela n’a pas fonctionné : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="163" />
        <source>Export the rules</source>
        <translation>Exporter les règles</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="163" />
        <location filename="../../app/ui/rules_dialog.py" line="173" />
        <source>JSON files (*.json)</source>
        <translation>Fichiers JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="169" />
        <source>%1 suppliers and customers exported to %2</source>
        <translation>%1 fournisseurs et clients exportés dans %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="173" />
        <source>Import rules</source>
        <translation>Importer des règles</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="179" />
        <source>%1 suppliers and customers imported</source>
        <translation>%1 fournisseurs et clients importés</translation>
    </message>
    <message>
        <location filename="../../app/ui/rules_dialog.py" line="191" />
        <source>Sign in to a company first: the rules are kept per company.</source>
        <translation>Connectez-vous d’abord à une société : les règles sont gardées par société.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../app/ui/menus.py" line="115" />
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="119" />
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="119" />
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <location filename="../../app/ui/menus.py" line="119" />
        <source>Where</source>
        <translation>Où</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="118" />
        <source>Sign in to Pennylane</source>
        <translation>Se connecter à Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="137" />
        <location filename="../../app/ui/signin_dialog.py" line="152" />
        <source>Company API token</source>
        <translation>Jeton API de la société</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="141" />
        <source>In Pennylane: Settings → Connectivity → Developers → Generate an API token. Choose “Read and write” so that invoices can be imported. The token is shown only once: paste it here.</source>
        <translation>Dans Pennylane : Paramètres → Connectivité → Développeurs → Générer un jeton API. Choisissez « Lecture et écriture » pour pouvoir importer des factures. Le jeton n’est affiché qu’une fois : collez-le ici.</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="151" />
        <source>Paste the token here</source>
        <translation>Collez le jeton ici</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="157" />
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="162" />
        <source>&amp;Verify</source>
        <translation>&amp;Vérifier</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="180" />
        <source>SANDBOX (test environment)</source>
        <translation>SANDBOX (environnement de test)</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="186" />
        <source>A Pennylane test company: imports do not reach real books.</source>
        <translation>Une société de test Pennylane : les imports n’atteignent pas la comptabilité réelle.</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="206" />
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="215" />
        <source>Pennylane account (OAuth)</source>
        <translation>Compte Pennylane (OAuth)</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="219" />
        <source>Sign in with &amp;Pennylane (OAuth)</source>
        <translation>Se connecter avec &amp;Pennylane (OAuth)</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="224" />
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="243" />
        <source>Sign-in address</source>
        <translation>Adresse de connexion</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="245" />
        <location filename="../../app/ui/signin_dialog.py" line="449" />
        <source>&amp;Copy the address</source>
        <translation>&amp;Copier l’adresse</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="254" />
        <source>OAuth sign-in is not configured in this installation (oauth.json in the configuration folder, or the PENNYLANE_OAUTH_CLIENT_ID variable). Use a company API token.</source>
        <translation>La connexion OAuth n’est pas configurée dans cette installation (oauth.json dans le dossier de configuration, ou la variable PENNYLANE_OAUTH_CLIENT_ID). Utilisez un jeton API de la société.</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="256" />
        <source>Not available: no OAuth configuration. Use a company API token.</source>
        <translation>Indisponible : aucune configuration OAuth. Utilisez un jeton API de la société.</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="259" />
        <source>Opens Pennylane in your browser; choose the company there, then come back here.</source>
        <translation>Ouvre Pennylane dans votre navigateur ; choisissez-y la société, puis revenez ici.</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="275" />
        <source>Keep for this session only</source>
        <translation>Garder pour cette session seulement</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="345" />
        <source>Company: %1 (id %2)</source>
        <translation>Société : %1 (id %2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="352" />
        <source>User: %1</source>
        <translation>Utilisateur : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="354" />
        <source>User: not reported</source>
        <translation>Utilisateur : non communiqué</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="357" />
        <source>Scopes: %1</source>
        <translation>Autorisations : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="360" />
        <source>Scopes: not reported by Pennylane</source>
        <translation>Autorisations : non communiquées par Pennylane</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="364" />
        <source>Missing permissions: %1. Importing invoices will fail without them; create a “Read and write” token (Settings → Connectivity → Developers).</source>
        <translation>Autorisations manquantes : %1. L’import des factures échouera sans elles ; créez un jeton « Lecture et écriture » (Paramètres → Connectivité → Développeurs).</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="373" />
        <source>Checking the token with Pennylane…</source>
        <translation>Vérification du jeton auprès de Pennylane…</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="451" />
        <source>Waiting for Pennylane in your browser… Sign in, choose the company, then come back here.</source>
        <translation>En attente de Pennylane dans votre navigateur… Connectez-vous, choisissez la société, puis revenez ici.</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="477" />
        <source>Waiting for Pennylane in your browser… Sign in, choose the company, then come back here. If no browser page opened, open this address in a browser:</source>
        <translation>En attente de Pennylane dans votre navigateur… Connectez-vous, choisissez la société, puis revenez ici. Si aucune page ne s’est ouverte, ouvrez cette adresse dans un navigateur :</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="488" />
        <source>No web browser could be opened. Open this address in a browser (it is already on the clipboard), sign in, choose the company, then come back here:</source>
        <translation>Aucun navigateur web n’a pu être ouvert. Ouvrez cette adresse dans un navigateur (elle est déjà dans le presse-papiers), connectez-vous, choisissez la société, puis revenez ici :</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="493" />
        <source>Copied</source>
        <translation>Copiée</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="507" />
        <source>Signed in. Saving…</source>
        <translation>Connecté. Enregistrement…</translation>
    </message>
    <message>
        <location filename="../../app/ui/signin_dialog.py" line="525" />
        <source>Sign-in cancelled.</source>
        <translation>Connexion annulée.</translation>
    </message>
</context>
<context>
    <name>SuggestionsBar</name>
    <message>
        <location filename="../../app/ui/form/suggestions.py" line="48" />
        <source>number</source>
        <translation>numéro</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/suggestions.py" line="48" />
        <source>date</source>
        <translation>date</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/suggestions.py" line="48" />
        <source>due date</source>
        <translation>échéance</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/suggestions.py" line="49" />
        <source>total excl. VAT</source>
        <translation>total HT</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/suggestions.py" line="49" />
        <source>VAT</source>
        <translation>TVA</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/suggestions.py" line="49" />
        <source>total incl. VAT</source>
        <translation>total TTC</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/suggestions.py" line="66" />
        <source>Read but not sure (check before using):</source>
        <translation>Lu mais incertain (à vérifier avant de l’utiliser) :</translation>
    </message>
</context>
<context>
    <name>TotalsSection</name>
    <message>
        <location filename="../../app/ui/form/totals.py" line="48" />
        <source>Totals</source>
        <translation>Totaux</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/totals.py" line="52" />
        <source>Total e&amp;xcl. tax:</source>
        <translation>Total &amp;HT :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/totals.py" line="53" />
        <source>&amp;VAT:</source>
        <translation>T&amp;VA :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/totals.py" line="54" />
        <source>Total incl. t&amp;ax:</source>
        <translation>Tot&amp;al TTC :</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/totals.py" line="115" />
        <source>lines: %1</source>
        <translation>lignes : %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/totals.py" line="123" />
        <source>No line yet: add the invoice's lines (Ctrl+N) or make one from the totals (Ctrl+T).</source>
        <translation>Aucune ligne : ajoutez les lignes de la facture (Ctrl+N) ou faites-en une depuis les totaux (Ctrl+T).</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/totals.py" line="126" />
        <source>Enter the declared totals to check the balance (the lines add up to %1 incl. tax).</source>
        <translation>Saisissez les totaux déclarés pour vérifier l’équilibre (les lignes totalisent %1 TTC).</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/totals.py" line="129" />
        <source>Excl. tax</source>
        <translation>HT</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/totals.py" line="129" />
        <source>VAT</source>
        <translation>TVA</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/totals.py" line="129" />
        <source>Incl. tax</source>
        <translation>TTC</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/totals.py" line="133" />
        <source>%1: declared %2, lines %3, difference %4</source>
        <translation>%1 : déclaré %2, lignes %3, écart %4</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/totals.py" line="139" />
        <source>the declared excl. tax + VAT does not equal the declared total</source>
        <translation>le HT + TVA déclaré ne fait pas le TTC déclaré</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/totals.py" line="140" />
        <source>Unbalanced — %1.</source>
        <translation>Déséquilibrée — %1.</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/totals.py" line="143" />
        <source>Balanced within Pennylane's tolerance (one cent per line): lines %1, declared %2.</source>
        <translation>Équilibrée dans la tolérance de Pennylane (un centime par ligne) : lignes %1, déclaré %2.</translation>
    </message>
    <message>
        <location filename="../../app/ui/form/totals.py" line="147" />
        <source>Balanced: the lines add up to the declared totals (%1 incl. tax).</source>
        <translation>Équilibrée : les lignes correspondent aux totaux déclarés (%1 TTC).</translation>
    </message>
</context>
</TS>