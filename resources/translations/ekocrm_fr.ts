<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
    <context>
        <name>AddressRow</name>
        <message>
            <source>Street</source>
            <translation>Rue</translation>
        </message>
        <message>
            <source>Address line 2</source>
            <translation>Complément d'adresse</translation>
        </message>
        <message>
            <source>Postcode</source>
            <translation>Code postal</translation>
        </message>
        <message>
            <source>City</source>
            <translation>Ville</translation>
        </message>
        <message>
            <source>Country code</source>
            <translation>Code pays</translation>
        </message>
        <message>
            <source>Country code (FR, BE, CH…)</source>
            <translation>Code pays (FR, BE, CH…)</translation>
        </message>
    </context>
    <context>
        <name>AffiliationRow</name>
        <message>
            <source>Function (director, treasurer…)</source>
            <translation>Fonction (directrice, trésorier…)</translation>
        </message>
        <message>
            <source>Function</source>
            <translation>Fonction</translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <source>Civility</source>
            <translation>Civilité</translation>
        </message>
        <message>
            <source>First name</source>
            <translation>Prénom</translation>
        </message>
        <message>
            <source>Last name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Job title</source>
            <translation>Fonction</translation>
        </message>
        <message>
            <source>Birth date</source>
            <translation>Date de naissance</translation>
        </message>
        <message>
            <source>Website</source>
            <translation>Site web</translation>
        </message>
        <message>
            <source>Registration number</source>
            <translation>Numéro SIRET</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Téléphone</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Adresse</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Étiquettes</translation>
        </message>
        <message>
            <source>Roles</source>
            <translation>Rôles</translation>
        </message>
        <message>
            <source>Organisations</source>
            <translation>Organisations</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>Someone else changed this record</source>
            <translation>Quelqu'un d'autre a modifié cette fiche</translation>
        </message>
        <message>
            <source>“%1” was saved by %2 on %3 while you were editing it. Nothing has been overwritten: choose, for each field that differs, which value to keep.</source>
            <translation>La fiche « %1 » a été enregistrée par %2 le %3 pendant que vous la modifiiez. Rien n'a été écrasé : choisissez, pour chaque champ qui diffère, la valeur à garder.</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>Champ</translation>
        </message>
        <message>
            <source>Your version</source>
            <translation>Votre version</translation>
        </message>
        <message>
            <source>Their version</source>
            <translation>L'autre version</translation>
        </message>
        <message>
            <source>Keep</source>
            <translation>Garder</translation>
        </message>
        <message>
            <source>Mine</source>
            <translation>La mienne</translation>
        </message>
        <message>
            <source>Theirs</source>
            <translation>L'autre</translation>
        </message>
        <message>
            <source>Take their version (discard mine)</source>
            <translation>Prendre l'autre version (abandonner la mienne)</translation>
        </message>
        <message>
            <source>Save with the values chosen</source>
            <translation>Enregistrer avec les valeurs choisies</translation>
        </message>
        <message>
            <source>Back to my form</source>
            <translation>Revenir à ma fiche</translation>
        </message>
    </context>
    <context>
        <name>ContactsPage</name>
        <message>
            <source>Trash</source>
            <extracomment>Ask the window to open the editor of a record (id) or a new record ("person"/"organisation"). A status-bar message, with an optional undo callback.</extracomment>
            <translation>Corbeille</translation>
        </message>
        <message>
            <source>Contacts</source>
            <translation>Contacts</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>Restaurer</translation>
        </message>
        <message>
            <source>Delete permanently</source>
            <translation>Supprimer définitivement</translation>
        </message>
        <message>
            <source>New person</source>
            <translation>Nouvelle personne</translation>
        </message>
        <message>
            <source>New organisation</source>
            <translation>Nouvelle organisation</translation>
        </message>
        <message>
            <source>Search name, organisation, e-mail, phone, city… (Ctrl+F)</source>
            <translation>Rechercher nom, organisation, e-mail, téléphone, ville… (Ctrl+F)</translation>
        </message>
        <message>
            <source>Search contacts</source>
            <translation>Rechercher des contacts</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>People and organisations</source>
            <translation>Personnes et organisations</translation>
        </message>
        <message>
            <source>People</source>
            <translation>Personnes</translation>
        </message>
        <message>
            <source>Organisations</source>
            <translation>Organisations</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Rôle</translation>
        </message>
        <message>
            <source>All roles</source>
            <translation>Tous les rôles</translation>
        </message>
        <message>
            <source>Tag</source>
            <translation>Étiquette</translation>
        </message>
        <message>
            <source>City</source>
            <translation>Ville</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>Create a person</source>
            <translation>Créer une personne</translation>
        </message>
        <message>
            <source>Create an organisation</source>
            <translation>Créer une organisation</translation>
        </message>
        <message>
            <source>Clear the search and filters</source>
            <translation>Effacer la recherche et les filtres</translation>
        </message>
        <message>
            <source>The list could not be read: %1</source>
            <translation>La liste n'a pas pu être lue : %1</translation>
        </message>
        <message>
            <source>All tags</source>
            <translation>Toutes les étiquettes</translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) or more, counting…</source>
            <translation>
                <numerusform>%n contact ou plus, décompte en cours…</numerusform>
                <numerusform>%n contacts ou plus, décompte en cours…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) in the trash</source>
            <translation>
                <numerusform>%n contact dans la corbeille</numerusform>
                <numerusform>%n contacts dans la corbeille</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s)</source>
            <translation>
                <numerusform>%n contact</numerusform>
                <numerusform>%n contacts</numerusform>
            </translation>
        </message>
        <message>
            <source>No contact matches the search and filters.</source>
            <translation>Aucun contact ne correspond à la recherche et aux filtres.</translation>
        </message>
        <message>
            <source>The trash is empty.</source>
            <translation>La corbeille est vide.</translation>
        </message>
        <message>
            <source>No contact yet. Create a person or an organisation, import a file, or start EkoCRM with --demo to try it on sample data.</source>
            <translation>Aucun contact pour l'instant. Créez une personne ou une organisation, importez un fichier, ou lancez EkoCRM avec --demo pour l'essayer sur des données d'exemple.</translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) selected</source>
            <translation>
                <numerusform>%n contact sélectionné</numerusform>
                <numerusform>%n contacts sélectionnés</numerusform>
            </translation>
        </message>
        <message>
            <source>Select a contact to see it here.</source>
            <translation>Sélectionnez un contact pour l'afficher ici.</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Téléphone</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Adresse</translation>
        </message>
        <message>
            <source>since %1</source>
            <translation>depuis le %1</translation>
        </message>
        <message>
            <source>until %1</source>
            <translation>jusqu'au %1</translation>
        </message>
        <message>
            <source>Roles</source>
            <translation>Rôles</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Étiquettes</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>Modified %1 by %2</source>
            <translation>Modifié le %1 par %2</translation>
        </message>
        <message>
            <source>Move “%1” to the trash?</source>
            <translation>Mettre « %1 » à la corbeille ?</translation>
        </message>
        <message numerus="yes">
            <source>Move %n contact(s) to the trash?</source>
            <translation>
                <numerusform>Mettre %n contact à la corbeille ?</numerusform>
                <numerusform>Mettre %n contacts à la corbeille ?</numerusform>
            </translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) moved to the trash.</source>
            <translation>
                <numerusform>%n contact mis à la corbeille.</numerusform>
                <numerusform>%n contacts mis à la corbeille.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) restored.</source>
            <translation>
                <numerusform>%n contact restauré.</numerusform>
                <numerusform>%n contacts restaurés.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete %n contact(s) permanently? This cannot be undone.</source>
            <translation>
                <numerusform>Supprimer définitivement %n contact ? Cette action est irréversible.</numerusform>
                <numerusform>Supprimer définitivement %n contacts ? Cette action est irréversible.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) deleted permanently.</source>
            <translation>
                <numerusform>%n contact supprimé définitivement.</numerusform>
                <numerusform>%n contacts supprimés définitivement.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>EmailRow</name>
        <message>
            <source>name@example.fr</source>
            <translation>nom@exemple.fr</translation>
        </message>
        <message>
            <source>E-mail address</source>
            <translation>Adresse e-mail</translation>
        </message>
    </context>
    <context>
        <name>EntryRow</name>
        <message>
            <source>Remove</source>
            <translation>Retirer</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source>Something went wrong, but nothing you typed was lost: open forms are still open.
The details were written to the log file:
%1</source>
            <translation>Un problème est survenu, mais rien de ce que vous avez saisi n'est perdu : les fiches ouvertes le sont toujours.
Les détails ont été écrits dans le journal :
%1</translation>
        </message>
        <message>
            <source>Unexpected error</source>
            <translation>Erreur inattendue</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>Prospect</source>
            <translation>Prospect</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>Client</translation>
        </message>
        <message>
            <source>Member</source>
            <translation>Membre</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>Partenaire</translation>
        </message>
        <message>
            <source>Supplier</source>
            <translation>Fournisseur</translation>
        </message>
        <message>
            <source>Competitor</source>
            <translation>Concurrent</translation>
        </message>
        <message>
            <source>Collaborator</source>
            <translation>Collaborateur</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>Personne</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>Work</source>
            <translation>Travail</translation>
        </message>
        <message>
            <source>Home</source>
            <translation>Domicile</translation>
        </message>
        <message>
            <source>Mobile</source>
            <translation>Portable</translation>
        </message>
        <message>
            <source>Fax</source>
            <translation>Fax</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Autre</translation>
        </message>
        <message>
            <source>This field is required.</source>
            <translation>Ce champ est obligatoire.</translation>
        </message>
        <message>
            <source>“%1” is not a valid e-mail address.</source>
            <translation>« %1 » n'est pas une adresse e-mail valide.</translation>
        </message>
        <message>
            <source>“%1” is not a valid phone number.</source>
            <translation>« %1 » n'est pas un numéro de téléphone valide.</translation>
        </message>
        <message>
            <source>“%1” is not a French postcode (5 digits).</source>
            <translation>« %1 » n'est pas un code postal français (5 chiffres).</translation>
        </message>
        <message>
            <source>“%1” is not a date (DD/MM/YYYY).</source>
            <translation>« %1 » n'est pas une date (JJ/MM/AAAA).</translation>
        </message>
        <message>
            <source>The role ends before it starts.</source>
            <translation>Le rôle se termine avant de commencer.</translation>
        </message>
        <message>
            <source>Too long (at most %1 characters).</source>
            <translation>Trop long (%1 caractères au plus).</translation>
        </message>
        <message>
            <source>This organisation no longer exists.</source>
            <translation>Cette organisation n'existe plus.</translation>
        </message>
        <message>
            <source>An organisation cannot belong to itself.</source>
            <translation>Une organisation ne peut pas faire partie d'elle-même.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Pages</source>
            <extracomment>The language changed: the app rebuilds the window (editors stay open). A workspace was opened (or failed to open: None).</extracomment>
            <translation>Pages</translation>
        </message>
        <message>
            <source>New person…</source>
            <translation>Nouvelle personne…</translation>
        </message>
        <message>
            <source>New organisation…</source>
            <translation>Nouvelle organisation…</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>Move to trash</source>
            <translation>Mettre à la corbeille</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Actualiser</translation>
        </message>
        <message>
            <source>Find</source>
            <translation>Rechercher</translation>
        </message>
        <message>
            <source>New workspace…</source>
            <translation>Nouvel espace de travail…</translation>
        </message>
        <message>
            <source>Open the demo workspace</source>
            <translation>Ouvrir l'espace de démonstration</translation>
        </message>
        <message>
            <source>Settings…</source>
            <translation>Paramètres…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Quitter</translation>
        </message>
        <message>
            <source>Open the log folder</source>
            <translation>Ouvrir le dossier des journaux</translation>
        </message>
        <message>
            <source>About EkoCRM</source>
            <translation>À propos d'EkoCRM</translation>
        </message>
        <message>
            <source>Change workspace</source>
            <translation>Changer d'espace</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Fichier</translation>
        </message>
        <message>
            <source>&amp;Contacts</source>
            <translation>&amp;Contacts</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Aide</translation>
        </message>
        <message>
            <source>Main toolbar</source>
            <translation>Barre d'outils principale</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Contacts</source>
            <translation>Contacts</translation>
        </message>
        <message>
            <source>Trash</source>
            <translation>Corbeille</translation>
        </message>
        <message>
            <source>Preparing the demo workspace…</source>
            <translation>Préparation de l'espace de démonstration…</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Mot de passe</translation>
        </message>
        <message>
            <source>Password of %1 for %2:</source>
            <translation>Mot de passe de %1 pour %2 :</translation>
        </message>
        <message>
            <source>Opening “%1”…</source>
            <translation>Ouverture de « %1 »…</translation>
        </message>
        <message>
            <source>The workspace was upgraded; a backup was kept in %1</source>
            <translation>L'espace de travail a été mis à jour ; une sauvegarde a été conservée dans %1</translation>
        </message>
        <message>
            <source>Read-only workspace</source>
            <translation>Espace en lecture seule</translation>
        </message>
        <message>
            <source>This workspace was written by a newer version of EkoCRM. It is open read-only: you can look, but not change anything. Update EkoCRM to work in it.</source>
            <translation>Cet espace a été écrit par une version plus récente d'EkoCRM. Il est ouvert en lecture seule : vous pouvez consulter, mais rien modifier. Mettez EkoCRM à jour pour y travailler.</translation>
        </message>
        <message>
            <source>Cannot open the workspace</source>
            <translation>Impossible d'ouvrir l'espace de travail</translation>
        </message>
        <message>
            <source>Upgrading “%1” to this version failed. The database was put back exactly as it was%2.

Reason: %3</source>
            <translation>La mise à jour de « %1 » vers cette version a échoué. La base a été remise exactement dans son état d'avant%2.

Raison : %3</translation>
        </message>
        <message>
            <source> (backup: %1)</source>
            <translation> (sauvegarde : %1)</translation>
        </message>
        <message>
            <source>There is not enough free disk space to back up “%1” before upgrading it. Nothing was changed. Free some space and try again.

%2</source>
            <translation>Il n'y a pas assez d'espace disque libre pour sauvegarder « %1 » avant sa mise à jour. Rien n'a été modifié. Libérez de la place et réessayez.

%2</translation>
        </message>
        <message>
            <source>“%1” is not an EkoCRM database: it was left untouched.</source>
            <translation>« %1 » n'est pas une base EkoCRM : elle n'a pas été modifiée.</translation>
        </message>
        <message>
            <source>“%1” was created by a newer version of EkoCRM. Update EkoCRM to open it.</source>
            <translation>« %1 » a été créé par une version plus récente d'EkoCRM. Mettez EkoCRM à jour pour l'ouvrir.</translation>
        </message>
        <message>
            <source>The shared database of “%1” is not at this version of EkoCRM. An administrator must upgrade it with:

ekocrm db upgrade --workspace "%1"</source>
            <translation>La base partagée de « %1 » n'est pas à la version de cet EkoCRM. Un administrateur doit la mettre à jour avec :

ekocrm db upgrade --workspace "%1"</translation>
        </message>
        <message>
            <source>The server did not accept the connection to “%1”.

Reason: %2</source>
            <translation>Le serveur a refusé la connexion à « %1 ».

Raison : %2</translation>
        </message>
        <message>
            <source>“%1” could not be opened: %2</source>
            <translation>« %1 » n'a pas pu être ouvert : %2</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>Enregistré.</translation>
        </message>
        <message>
            <source>Undone.</source>
            <translation>Annulé.</translation>
        </message>
        <message>
            <source>EkoCRM Desktop %1
A CRM for small offices and associations.</source>
            <translation>EkoCRM Desktop %1
Un CRM pour les petits bureaux et les associations.</translation>
        </message>
    </context>
    <context>
        <name>OrganisationPicker</name>
        <message>
            <source>Type to find an organisation</source>
            <translation>Tapez pour trouver une organisation</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
    </context>
    <context>
        <name>PartyDialog</name>
        <message>
            <source>Workspace: %1</source>
            <translation>Espace de travail : %1</translation>
        </message>
        <message>
            <source>DD/MM/YYYY</source>
            <translation>JJ/MM/AAAA</translation>
        </message>
        <message>
            <source>Civility</source>
            <translation>Civilité</translation>
        </message>
        <message>
            <source>First name</source>
            <translation>Prénom</translation>
        </message>
        <message>
            <source>Last name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Job title</source>
            <translation>Fonction</translation>
        </message>
        <message>
            <source>Birth date</source>
            <translation>Date de naissance</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Registration number (SIRET)</source>
            <translation>Numéro SIRET</translation>
        </message>
        <message>
            <source>Website</source>
            <translation>Site web</translation>
        </message>
        <message>
            <source>Add an organisation</source>
            <translation>Ajouter une organisation</translation>
        </message>
        <message>
            <source>Organisations</source>
            <translation>Organisations</translation>
        </message>
        <message>
            <source>Identity</source>
            <translation>Identité</translation>
        </message>
        <message>
            <source>Add an e-mail address</source>
            <translation>Ajouter une adresse e-mail</translation>
        </message>
        <message>
            <source>Add a phone number</source>
            <translation>Ajouter un numéro de téléphone</translation>
        </message>
        <message>
            <source>Add an address</source>
            <translation>Ajouter une adresse</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Téléphone</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Adresse</translation>
        </message>
        <message>
            <source>Contact details</source>
            <translation>Coordonnées</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Étiquettes</translation>
        </message>
        <message>
            <source>Add a role</source>
            <translation>Ajouter un rôle</translation>
        </message>
        <message>
            <source>Roles</source>
            <translation>Rôles</translation>
        </message>
        <message>
            <source>Roles and tags</source>
            <translation>Rôles et étiquettes</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation>Enregistrer (Ctrl+S)</translation>
        </message>
        <message>
            <source>This workspace is read-only.</source>
            <translation>Cet espace de travail est en lecture seule.</translation>
        </message>
        <message>
            <source>Created %1 by %2 — modified %3 by %4</source>
            <translation>Créé le %1 par %2 — modifié le %3 par %4</translation>
        </message>
        <message numerus="yes">
            <source>%n field(s) to correct before saving.</source>
            <translation>
                <numerusform>%n champ à corriger avant d'enregistrer.</numerusform>
                <numerusform>%n champs à corriger avant d'enregistrer.</numerusform>
            </translation>
        </message>
        <message>
            <source>New person</source>
            <translation>Nouvelle personne</translation>
        </message>
        <message>
            <source>New organisation</source>
            <translation>Nouvelle organisation</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>Non enregistré</translation>
        </message>
        <message>
            <source>This record was deleted for good by someone else.</source>
            <translation>Cette fiche a été supprimée définitivement par quelqu'un d'autre.</translation>
        </message>
        <message>
            <source>Discard changes?</source>
            <translation>Abandonner les modifications ?</translation>
        </message>
        <message>
            <source>Close this form and lose your changes?</source>
            <translation>Fermer cette fiche et perdre vos modifications ?</translation>
        </message>
    </context>
    <context>
        <name>PartyTableModel</name>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Téléphone</translation>
        </message>
        <message>
            <source>City</source>
            <translation>Ville</translation>
        </message>
        <message>
            <source>Postcode</source>
            <translation>Code postal</translation>
        </message>
        <message>
            <source>Roles</source>
            <translation>Rôles</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Étiquettes</translation>
        </message>
        <message>
            <source>Modified</source>
            <translation>Modifié</translation>
        </message>
    </context>
    <context>
        <name>PhoneRow</name>
        <message>
            <source>06 12 34 56 78</source>
            <translation>06 12 34 56 78</translation>
        </message>
        <message>
            <source>Phone number</source>
            <translation>Numéro de téléphone</translation>
        </message>
    </context>
    <context>
        <name>RoleRow</name>
        <message>
            <source>Role</source>
            <translation>Rôle</translation>
        </message>
        <message>
            <source>Since</source>
            <translation>Depuis</translation>
        </message>
        <message>
            <source>until</source>
            <translation>jusqu'au</translation>
        </message>
        <message>
            <source>Category (PME, bienfaiteur…)</source>
            <translation>Catégorie (PME, bienfaiteur…)</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>State (hot, up to date…)</source>
            <translation>État (chaud, à jour…)</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>since</source>
            <translation>depuis le</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <source>Settings</source>
            <translation>Paramètres</translation>
        </message>
        <message>
            <source>Automatic (system language)</source>
            <translation>Automatique (langue du système)</translation>
        </message>
        <message>
            <source>Interface language</source>
            <translation>Langue de l'interface</translation>
        </message>
        <message>
            <source>Phone numbers without a country code are read as</source>
            <translation>Les numéros sans indicatif pays sont lus comme</translation>
        </message>
        <message>
            <source>Changing the language reopens the main window; open forms are kept.</source>
            <translation>Changer de langue rouvre la fenêtre principale ; les fiches ouvertes sont conservées.</translation>
        </message>
    </context>
    <context>
        <name>TagsEdit</name>
        <message>
            <source>VIP, Newsletter, Salon de Lyon…</source>
            <translation>VIP, Newsletter, Salon de Lyon…</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Étiquettes</translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <source>Welcome to EkoCRM</source>
            <translation>Bienvenue dans EkoCRM</translation>
        </message>
        <message>
            <source>A workspace holds your contacts: a file on this computer, or a database shared by your team.
Create one, or try EkoCRM on French demo data.</source>
            <translation>Un espace de travail contient vos contacts : un fichier sur cet ordinateur, ou une base partagée par votre équipe.
Créez-en un, ou essayez EkoCRM sur des données de démonstration.</translation>
        </message>
        <message>
            <source>Create a workspace</source>
            <translation>Créer un espace de travail</translation>
        </message>
        <message>
            <source>Open the demo</source>
            <translation>Ouvrir la démo</translation>
        </message>
    </context>
    <context>
        <name>WorkspaceBar</name>
        <message>
            <source>Change workspace</source>
            <translation>Changer d'espace</translation>
        </message>
        <message>
            <source>No workspace open</source>
            <translation>Aucun espace de travail ouvert</translation>
        </message>
        <message>
            <source>local file</source>
            <translation>fichier local</translation>
        </message>
        <message>
            <source>shared database</source>
            <translation>base partagée</translation>
        </message>
        <message>
            <source>READ-ONLY</source>
            <translation>LECTURE SEULE</translation>
        </message>
    </context>
    <context>
        <name>WorkspaceDialog</name>
        <message>
            <source>New workspace</source>
            <translation>Nouvel espace de travail</translation>
        </message>
        <message>
            <source>Work, Association, …</source>
            <translation>Travail, Association, …</translation>
        </message>
        <message>
            <source>Name *</source>
            <translation>Nom *</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>Couleur</translation>
        </message>
        <message>
            <source>A file on this computer (one user)</source>
            <translation>Un fichier sur cet ordinateur (un seul utilisateur)</translation>
        </message>
        <message>
            <source>A shared PostgreSQL database (a team)</source>
            <translation>Une base PostgreSQL partagée (une équipe)</translation>
        </message>
        <message>
            <source>Local file</source>
            <translation>Fichier local</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Fichier</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Parcourir…</translation>
        </message>
        <message>
            <source>PostgreSQL server</source>
            <translation>Serveur PostgreSQL</translation>
        </message>
        <message>
            <source>Remember the password in the system keychain</source>
            <translation>Mémoriser le mot de passe dans le trousseau du système</translation>
        </message>
        <message>
            <source>No system keychain: the password will be asked at each start</source>
            <translation>Pas de trousseau système : le mot de passe sera demandé à chaque démarrage</translation>
        </message>
        <message>
            <source>verify-full is recommended on a network: it checks the server's certificate</source>
            <translation>verify-full est recommandé sur un réseau : il vérifie le certificat du serveur</translation>
        </message>
        <message>
            <source>CA certificate file (for verify-ca / verify-full)</source>
            <translation>Fichier du certificat d'autorité (pour verify-ca / verify-full)</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>Serveur</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>Port</translation>
        </message>
        <message>
            <source>Database</source>
            <translation>Base de données</translation>
        </message>
        <message>
            <source>User</source>
            <translation>Utilisateur</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Mot de passe</translation>
        </message>
        <message>
            <source>TLS (sslmode)</source>
            <translation>TLS (sslmode)</translation>
        </message>
        <message>
            <source>CA file</source>
            <translation>Fichier CA</translation>
        </message>
        <message>
            <source>Test the connection</source>
            <translation>Tester la connexion</translation>
        </message>
        <message>
            <source>Create</source>
            <translation>Créer</translation>
        </message>
        <message>
            <source>Workspace colour</source>
            <translation>Couleur de l'espace de travail</translation>
        </message>
        <message>
            <source>Workspace file</source>
            <translation>Fichier de l'espace de travail</translation>
        </message>
        <message>
            <source>EkoCRM database (*.sqlite)</source>
            <translation>Base EkoCRM (*.sqlite)</translation>
        </message>
        <message>
            <source>Connecting…</source>
            <translation>Connexion…</translation>
        </message>
        <message>
            <source>Connected: PostgreSQL %1</source>
            <translation>Connecté : PostgreSQL %1</translation>
        </message>
        <message>
            <source>Connection failed: %1</source>
            <translation>Échec de la connexion : %1</translation>
        </message>
        <message>
            <source>Give the workspace a name.</source>
            <translation>Donnez un nom à l'espace de travail.</translation>
        </message>
        <message>
            <source>A workspace named “%1” already exists.</source>
            <translation>Un espace de travail nommé « %1 » existe déjà.</translation>
        </message>
        <message>
            <source>Choose a file for the workspace.</source>
            <translation>Choisissez un fichier pour l'espace de travail.</translation>
        </message>
        <message>
            <source>Give the name of the database.</source>
            <translation>Indiquez le nom de la base de données.</translation>
        </message>
    </context>
</TS>