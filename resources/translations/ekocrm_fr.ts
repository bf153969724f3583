<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
    <context>
        <name>ActionsLabels</name>
        <message>
            <source>E-mail received</source>
            <translation>E-mail reçu</translation>
        </message>
        <message>
            <source>E-mail sent</source>
            <translation>E-mail envoyé</translation>
        </message>
        <message>
            <source>Incoming call</source>
            <translation>Appel entrant</translation>
        </message>
        <message>
            <source>Outgoing call</source>
            <translation>Appel sortant</translation>
        </message>
        <message>
            <source>SMS</source>
            <translation>SMS</translation>
        </message>
        <message>
            <source>Appointment</source>
            <translation>Rendez-vous</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Note</translation>
        </message>
        <message>
            <source>Conversation</source>
            <translation>Conversation</translation>
        </message>
        <message>
            <source>To do</source>
            <translation>À faire</translation>
        </message>
        <message>
            <source>In progress</source>
            <translation>En cours</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Faite</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Annulée</translation>
        </message>
        <message>
            <source>Low</source>
            <translation>Basse</translation>
        </message>
        <message>
            <source>Normal</source>
            <translation>Normale</translation>
        </message>
        <message>
            <source>High</source>
            <translation>Haute</translation>
        </message>
        <message>
            <source>Reached</source>
            <translation>Joint</translation>
        </message>
        <message>
            <source>Voicemail</source>
            <translation>Messagerie</translation>
        </message>
        <message>
            <source>No answer</source>
            <translation>Sans réponse</translation>
        </message>
        <message>
            <source>Busy</source>
            <translation>Occupé</translation>
        </message>
        <message>
            <source>Wrong number</source>
            <translation>Faux numéro</translation>
        </message>
        <message>
            <source>No alert</source>
            <translation>Pas d'alerte</translation>
        </message>
        <message>
            <source>At the time</source>
            <translation>À l'heure dite</translation>
        </message>
        <message>
            <source>5 minutes before</source>
            <translation>5 minutes avant</translation>
        </message>
        <message>
            <source>15 minutes before</source>
            <translation>15 minutes avant</translation>
        </message>
        <message>
            <source>30 minutes before</source>
            <translation>30 minutes avant</translation>
        </message>
        <message>
            <source>1 hour before</source>
            <translation>1 heure avant</translation>
        </message>
        <message>
            <source>2 hours before</source>
            <translation>2 heures avant</translation>
        </message>
        <message>
            <source>1 day before</source>
            <translation>1 jour avant</translation>
        </message>
        <message>
            <source>2 days before</source>
            <translation>2 jours avant</translation>
        </message>
        <message>
            <source>1 week before</source>
            <translation>1 semaine avant</translation>
        </message>
        <message>
            <source>%1 min %2 s</source>
            <translation>%1 min %2 s</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Objet</translation>
        </message>
        <message>
            <source>Ends</source>
            <translation>Fin</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>Durée</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorité</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Alert</source>
            <translation>Alerte</translation>
        </message>
        <message>
            <source>Collaborator</source>
            <translation>Collaborateur</translation>
        </message>
        <message>
            <source>Team</source>
            <translation>Équipe</translation>
        </message>
        <message>
            <source>The appointment ends before it starts.</source>
            <translation>Le rendez-vous finit avant de commencer.</translation>
        </message>
        <message>
            <source>An alert needs a due time or a start time.</source>
            <translation>Une alerte a besoin d'une échéance ou d'une heure de début.</translation>
        </message>
        <message>
            <source>This team has no members.</source>
            <translation>Cette équipe n'a aucun membre.</translation>
        </message>
        <message>
            <source>“%1” is not a valid choice.</source>
            <translation>« %1 » n'est pas un choix possible.</translation>
        </message>
        <message>
            <source>Give a subject or a text.</source>
            <translation>Indiquez un objet ou un texte.</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1 : %2</translation>
        </message>
    </context>
    <context>
        <name>ActivityDialog</name>
        <message>
            <source>Type</source>
            <extracomment>The activity was moved to the trash: (id, subject), for an "Undo".</extracomment>
            <translation>Type</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Objet</translation>
        </message>
        <message>
            <source>Subject *</source>
            <translation>Objet *</translation>
        </message>
        <message>
            <source>When</source>
            <translation>Quand</translation>
        </message>
        <message>
            <source>Ends</source>
            <translation>Fin</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>Lieu</translation>
        </message>
        <message>
            <source> min</source>
            <translation> min</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>Durée</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Résultat</translation>
        </message>
        <message>
            <source>— nobody —</source>
            <translation>— personne —</translation>
        </message>
        <message>
            <source>Private (only the collaborator who did it sees it)</source>
            <translation>Privée (seul le collaborateur concerné la voit)</translation>
        </message>
        <message>
            <source>By</source>
            <translation>Par</translation>
        </message>
        <message>
            <source>About</source>
            <translation>Concerne</translation>
        </message>
        <message>
            <source>Add a person or an organisation: type a name</source>
            <translation>Ajouter une personne ou une organisation : tapez un nom</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Retirer</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>Texte</translation>
        </message>
        <message>
            <source>What was said, what to remember…</source>
            <translation>Ce qui a été dit, ce qu'il faut retenir…</translation>
        </message>
        <message>
            <source>Task: to do by someone</source>
            <translation>Tâche : à faire par quelqu'un</translation>
        </message>
        <message>
            <source>Assigned to</source>
            <translation>Attribuée à</translation>
        </message>
        <message>
            <source>— no team —</source>
            <translation>— aucune équipe —</translation>
        </message>
        <message>
            <source>Team</source>
            <translation>Équipe</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>Échéance</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorité</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>État</translation>
        </message>
        <message>
            <source>A reminder before the due time of a task or the start of an appointment</source>
            <translation>Un rappel avant l'échéance d'une tâche ou le début d'un rendez-vous</translation>
        </message>
        <message>
            <source>At a given time…</source>
            <translation>À une heure choisie…</translation>
        </message>
        <message>
            <source>Alert time</source>
            <translation>Heure de l'alerte</translation>
        </message>
        <message>
            <source>Alert</source>
            <translation>Alerte</translation>
        </message>
        <message>
            <source>Move to trash</source>
            <translation>Mettre à la corbeille</translation>
        </message>
        <message>
            <source>Starts</source>
            <translation>Début</translation>
        </message>
        <message>
            <source>New activity: %1</source>
            <translation>Nouvelle action : %1</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1 : %2</translation>
        </message>
        <message>
            <source>Could not save</source>
            <translation>Enregistrement impossible</translation>
        </message>
        <message>
            <source>Not a task</source>
            <translation>Pas une tâche</translation>
        </message>
        <message>
            <source>Private</source>
            <translation>Privée</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Oui</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Non</translation>
        </message>
        <message>
            <source>Deals</source>
            <translation>Affaires</translation>
        </message>
        <message>
            <source>Task</source>
            <translation>Tâche</translation>
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
        <name>ActivityTableModel</name>
        <message>
            <source>When</source>
            <translation>Quand</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Objet</translation>
        </message>
        <message>
            <source>With</source>
            <translation>Avec</translation>
        </message>
        <message>
            <source>By</source>
            <translation>Par</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Détails</translation>
        </message>
    </context>
    <context>
        <name>AddToGroupDialog</name>
        <message>
            <source>Add to group</source>
            <translation>Ajouter à un groupe</translation>
        </message>
        <message numerus="yes">
            <source>Add %n contact(s) to:</source>
            <translation>
                <numerusform>Ajouter %n contact à :</numerusform>
                <numerusform>Ajouter %n contacts à :</numerusform>
            </translation>
        </message>
        <message>
            <source>Group</source>
            <translation>Groupe</translation>
        </message>
        <message>
            <source>A new group…</source>
            <translation>Un nouveau groupe…</translation>
        </message>
        <message>
            <source>Group:</source>
            <translation>Groupe :</translation>
        </message>
        <message>
            <source>Name of the new group</source>
            <translation>Nom du nouveau groupe</translation>
        </message>
        <message>
            <source>Salon de Lyon 2026</source>
            <translation>Salon de Lyon 2026</translation>
        </message>
        <message>
            <source>New group:</source>
            <translation>Nouveau groupe :</translation>
        </message>
    </context>
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
        <name>AgendaPage</name>
        <message>
            <source>Agenda</source>
            <extracomment>A dialog was opened (tests follow it). An .ics import finished (its report).</extracomment>
            <translation>Agenda</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Aujourd'hui</translation>
        </message>
        <message>
            <source>Previous</source>
            <translation>Précédent</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>Suivant</translation>
        </message>
        <message>
            <source>Day</source>
            <translation>Jour</translation>
        </message>
        <message>
            <source>Week</source>
            <translation>Semaine</translation>
        </message>
        <message>
            <source>Month</source>
            <translation>Mois</translation>
        </message>
        <message>
            <source>New appointment…</source>
            <translation>Nouveau rendez-vous…</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>Repeat…</source>
            <translation>Répéter…</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Export .ics…</source>
            <translation>Exporter en .ics…</translation>
        </message>
        <message>
            <source>Agenda of the collaborators shown…</source>
            <translation>Agenda des collaborateurs affichés…</translation>
        </message>
        <message>
            <source>Selected appointment…</source>
            <translation>Rendez-vous sélectionné…</translation>
        </message>
        <message>
            <source>Import .ics…</source>
            <translation>Importer un .ics…</translation>
        </message>
        <message>
            <source>Stop the import</source>
            <translation>Arrêter l'import</translation>
        </message>
        <message>
            <source>Team</source>
            <translation>Équipe</translation>
        </message>
        <message>
            <source>Collaborators</source>
            <translation>Collaborateurs</translation>
        </message>
        <message>
            <source>Collaborators shown</source>
            <translation>Collaborateurs affichés</translation>
        </message>
        <message>
            <source>Agenda grid</source>
            <translation>Grille de l'agenda</translation>
        </message>
        <message>
            <source>— no team —</source>
            <translation>— aucune équipe —</translation>
        </message>
        <message>
            <source>Everyone</source>
            <translation>Tout le monde</translation>
        </message>
        <message>
            <source>Nothing planned in this period. Drag across free time to create an appointment.</source>
            <translation>Rien de prévu sur cette période. Faites glisser la souris sur un créneau libre pour créer un rendez-vous.</translation>
        </message>
        <message numerus="yes">
            <source>%n appointment(s) and task(s) shown</source>
            <translation>
                <numerusform>%n rendez-vous ou tâche affiché</numerusform>
                <numerusform>%n rendez-vous et tâches affichés</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 – %2</source>
            <translation>%1 – %2</translation>
        </message>
        <message>
            <source>Open this occurrence only, or the whole series?</source>
            <translation>Ouvrir cette occurrence seulement, ou toute la série ?</translation>
        </message>
        <message>
            <source>Move this occurrence only, or the whole series?</source>
            <translation>Déplacer cette occurrence seulement, ou toute la série ?</translation>
        </message>
        <message>
            <source>Only a whole series can be given to another collaborator.</source>
            <translation>Seule une série entière peut être confiée à un autre collaborateur.</translation>
        </message>
        <message>
            <source>Could not move the appointment</source>
            <translation>Impossible de déplacer le rendez-vous</translation>
        </message>
        <message>
            <source>“%1” moved.</source>
            <translation>« %1 » déplacé.</translation>
        </message>
        <message>
            <source>Delete this occurrence only, or the whole series?</source>
            <translation>Supprimer cette occurrence seulement, ou toute la série ?</translation>
        </message>
        <message>
            <source>One occurrence of “%1” deleted.</source>
            <translation>Une occurrence de « %1 » supprimée.</translation>
        </message>
        <message>
            <source>“%1” moved to the trash.</source>
            <translation>« %1 » mise à la corbeille.</translation>
        </message>
        <message>
            <source>Could not save the repetition</source>
            <translation>Impossible d'enregistrer la répétition</translation>
        </message>
        <message>
            <source>Export the agenda</source>
            <translation>Exporter l'agenda</translation>
        </message>
        <message>
            <source>iCalendar files (*.ics)</source>
            <translation>Fichiers iCalendar (*.ics)</translation>
        </message>
        <message>
            <source>Could not export the agenda</source>
            <translation>Impossible d'exporter l'agenda</translation>
        </message>
        <message numerus="yes">
            <source>%n appointment(s) exported.</source>
            <translation>
                <numerusform>%n rendez-vous exporté.</numerusform>
                <numerusform>%n rendez-vous exportés.</numerusform>
            </translation>
        </message>
        <message>
            <source>Import a calendar</source>
            <translation>Importer un calendrier</translation>
        </message>
        <message>
            <source>iCalendar files (*.ics);;All files (*)</source>
            <translation>Fichiers iCalendar (*.ics);;Tous les fichiers (*)</translation>
        </message>
        <message>
            <source>Importing: %1 of %2 events…</source>
            <translation>Import : %1 événements sur %2…</translation>
        </message>
        <message>
            <source>Could not import the calendar</source>
            <translation>Impossible d'importer le calendrier</translation>
        </message>
    </context>
    <context>
        <name>AgendaView</name>
        <message>
            <source>%1 – %2</source>
            <extracomment>Background colours of the collaborators' blocks, in column order. A slot was selected on empty time: (collaborator id or None, start, end), aware. A block was dragged (moved or resized): (occurrence, new start, new end, aware; the collaborator of the column it left and of the column it was dropped in, None when columns are not per person). A block or task was double-clicked. A block or task was clicked (None: the selection was cleared). A day of the month grid was double-clicked away from its entries. Delete was pressed with an occurrence selected. Where "today" and the red now-line are (the session's clock, set by the page).</extracomment>
            <translation>%1 – %2</translation>
        </message>
        <message numerus="yes">
            <source>+%n more</source>
            <translation>
                <numerusform>+%n autre</numerusform>
                <numerusform>+%n autres</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>AlertButton</name>
        <message>
            <source>Alerts</source>
            <translation>Alertes</translation>
        </message>
        <message numerus="yes">
            <source>%n open alert(s)</source>
            <translation>
                <numerusform>%n alerte en cours</numerusform>
                <numerusform>%n alertes en cours</numerusform>
            </translation>
        </message>
        <message>
            <source>No open alert</source>
            <translation>Aucune alerte en cours</translation>
        </message>
        <message numerus="yes">
            <source>%n alert(s)</source>
            <translation>
                <numerusform>%n alerte</numerusform>
                <numerusform>%n alertes</numerusform>
            </translation>
        </message>
        <message>
            <source>EkoCRM reminder</source>
            <translation>Rappel EkoCRM</translation>
        </message>
    </context>
    <context>
        <name>AlertPopup</name>
        <message>
            <source>Alerts</source>
            <extracomment>Alerts this machine just claimed (show them: pop-up, notification). The person's open alerts (the bell's count and list). "Now" for the checks; tests replace it to move time forwards or backwards.</extracomment>
            <translation>Alertes</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>Snooze</source>
            <translation>Rappeler plus tard</translation>
        </message>
        <message>
            <source>10 minutes</source>
            <translation>Dans 10 minutes</translation>
        </message>
        <message>
            <source>1 hour</source>
            <translation>Dans 1 heure</translation>
        </message>
        <message>
            <source>Tomorrow morning</source>
            <translation>Demain matin</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>Terminer</translation>
        </message>
        <message>
            <source>Dismiss all</source>
            <translation>Tout terminer</translation>
        </message>
        <message numerus="yes">
            <source>%n alert(s)</source>
            <translation>
                <numerusform>%n alerte</numerusform>
                <numerusform>%n alertes</numerusform>
            </translation>
        </message>
        <message>
            <source>Due %1</source>
            <translation>Échéance %1</translation>
        </message>
        <message>
            <source>Starts %1</source>
            <translation>Début %1</translation>
        </message>
    </context>
    <context>
        <name>ArticleDialog</name>
        <message>
            <source>New article</source>
            <translation>Nouvel article</translation>
        </message>
        <message>
            <source>Article %1</source>
            <translation>Article %1</translation>
        </message>
        <message>
            <source>Code *</source>
            <translation>Code *</translation>
        </message>
        <message>
            <source>Name *</source>
            <translation>Nom *</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>(aucune)</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>Unit price excl. VAT (€)</source>
            <translation>Prix unitaire HT (€)</translation>
        </message>
        <message>
            <source>VAT rate</source>
            <translation>Taux de TVA</translation>
        </message>
        <message>
            <source>Offered (shown when adding lines to a deal)</source>
            <translation>Proposé (visible pour ajouter des lignes aux affaires)</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <source>Article not saved</source>
            <translation>Article non enregistré</translation>
        </message>
        <message>
            <source>Your role does not allow this.</source>
            <translation>Votre rôle ne le permet pas.</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Unit price</source>
            <translation>Prix unitaire</translation>
        </message>
        <message>
            <source>Offered</source>
            <translation>Proposé</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Oui</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Non</translation>
        </message>
    </context>
    <context>
        <name>ArticleTableModel</name>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>Unit price (excl. VAT)</source>
            <translation>Prix unitaire HT</translation>
        </message>
        <message>
            <source>VAT</source>
            <translation>TVA</translation>
        </message>
        <message>
            <source>Offered</source>
            <translation>Proposé</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Oui</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Non</translation>
        </message>
    </context>
    <context>
        <name>ArticlesPage</name>
        <message>
            <source>Articles</source>
            <translation>Articles</translation>
        </message>
        <message>
            <source>New article…</source>
            <translation>Nouvel article…</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>Move to the trash</source>
            <translation>Mettre à la corbeille</translation>
        </message>
        <message>
            <source>Search a code or a name (Ctrl+F)</source>
            <translation>Chercher un code ou un nom (Ctrl+F)</translation>
        </message>
        <message>
            <source>Search articles</source>
            <translation>Chercher des articles</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>Offered</source>
            <translation>Proposé</translation>
        </message>
        <message>
            <source>Offered articles</source>
            <translation>Articles proposés</translation>
        </message>
        <message>
            <source>No longer offered</source>
            <translation>Articles retirés</translation>
        </message>
        <message>
            <source>All articles</source>
            <translation>Tous les articles</translation>
        </message>
        <message>
            <source>No articles: add the products and services you sell with “New article…”.</source>
            <translation>Aucun article : ajoutez les produits et services que vous vendez avec « Nouvel article… ».</translation>
        </message>
        <message>
            <source>All categories</source>
            <translation>Toutes les catégories</translation>
        </message>
        <message numerus="yes">
            <source>%n article(s)</source>
            <translation>
                <numerusform>%n article</numerusform>
                <numerusform>%n articles</numerusform>
            </translation>
        </message>
        <message>
            <source>Article %1 saved.</source>
            <translation>Article %1 enregistré.</translation>
        </message>
        <message>
            <source>Move the article %1 to the trash?</source>
            <translation>Mettre l'article %1 à la corbeille ?</translation>
        </message>
        <message numerus="yes">
            <source>%n deal line(s) keep it.</source>
            <translation>
                <numerusform>%n ligne d'affaire le garde.</numerusform>
                <numerusform>%n lignes d'affaires le gardent.</numerusform>
            </translation>
        </message>
        <message>
            <source>Article not changed</source>
            <translation>Article non modifié</translation>
        </message>
        <message>
            <source>Your role does not allow this.</source>
            <translation>Votre rôle ne le permet pas.</translation>
        </message>
    </context>
    <context>
        <name>AssembliesPage</name>
        <message>
            <source>Assemblies and meetings</source>
            <translation>Assemblées et réunions</translation>
        </message>
        <message>
            <source>New assembly…</source>
            <translation>Nouvelle assemblée…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>Modifier…</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Find an invitee</source>
            <translation>Chercher un invité</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>Réponse</translation>
        </message>
        <message>
            <source>All answers</source>
            <translation>Toutes les réponses</translation>
        </message>
        <message>
            <source>Invite…</source>
            <translation>Inviter…</translation>
        </message>
        <message>
            <source>Answer:</source>
            <translation>Réponse :</translation>
        </message>
        <message>
            <source>Represented by…</source>
            <translation>Représenté(e) par…</translation>
        </message>
        <message>
            <source>Convocations…</source>
            <translation>Convocations…</translation>
        </message>
        <message>
            <source>Convocation letters with the agenda and a proxy form (PDF)</source>
            <translation>Lettres de convocation avec l'ordre du jour et un pouvoir (PDF)</translation>
        </message>
        <message>
            <source>Attendance sheet…</source>
            <translation>Feuille d'émargement…</translation>
        </message>
        <message>
            <source>The attendance sheet to sign, with proxies and the quorum (PDF)</source>
            <translation>La feuille d'émargement à signer, avec les pouvoirs et le quorum (PDF)</translation>
        </message>
        <message>
            <source>No assembly yet. Create one, invite the members, then record their answers and proxies.</source>
            <translation>Aucune assemblée pour l'instant. Créez-en une, invitez les membres, puis enregistrez leurs réponses et leurs pouvoirs.</translation>
        </message>
        <message>
            <source>place to be set</source>
            <translation>lieu à préciser</translation>
        </message>
        <message>
            <source>Agenda</source>
            <translation>Ordre du jour</translation>
        </message>
        <message>
            <source>Quorum: %1 of the %2 members up to date with dues, that is %3.</source>
            <translation>Quorum : %1 des %2 membres à jour de cotisation, soit %3.</translation>
        </message>
        <message>
            <source>Quorum: %1 of the %2 invitees, that is %3.</source>
            <translation>Quorum : %1 des %2 invités, soit %3.</translation>
        </message>
        <message>
            <source>Counted: %1 (%2 present, %3 represented).</source>
            <translation>Comptés : %1 (%2 présents, %3 représentés).</translation>
        </message>
        <message>
            <source>Quorum reached</source>
            <translation>Quorum atteint</translation>
        </message>
        <message>
            <source>Quorum not reached: %1 missing</source>
            <translation>Quorum non atteint : il en manque %1</translation>
        </message>
        <message>
            <source>Invited: %1 — attending %2, represented %3, absent %4, no answer %5.</source>
            <translation>Invités : %1 — présents %2, représentés %3, absents %4, sans réponse %5.</translation>
        </message>
        <message numerus="yes">
            <source>%n answer(s) not counted: dues not up to date, or a proxy whose holder has not said they come.</source>
            <translation>
                <numerusform>%n réponse non comptée : cotisation non à jour, ou pouvoir dont le porteur n'a pas confirmé sa présence.</numerusform>
                <numerusform>%n réponses non comptées : cotisation non à jour, ou pouvoir dont le porteur n'a pas confirmé sa présence.</numerusform>
            </translation>
        </message>
        <message>
            <source>Answer not recorded</source>
            <translation>Réponse non enregistrée</translation>
        </message>
        <message numerus="yes">
            <source>%n answer(s) recorded: %1.</source>
            <translation>
                <numerusform>%n réponse enregistrée : %1.</numerusform>
                <numerusform>%n réponses enregistrées : %1.</numerusform>
            </translation>
        </message>
        <message>
            <source>Proxy of %1 recorded.</source>
            <translation>Pouvoir de %1 enregistré.</translation>
        </message>
        <message numerus="yes">
            <source>%n member(s) invited.</source>
            <translation>
                <numerusform>%n membre invité.</numerusform>
                <numerusform>%n membres invités.</numerusform>
            </translation>
        </message>
        <message>
            <source>Delete the assembly?</source>
            <translation>Supprimer l'assemblée ?</translation>
        </message>
        <message>
            <source>Delete “%1”?</source>
            <translation>Supprimer « %1 » ?</translation>
        </message>
        <message>
            <source>“%1” deleted.</source>
            <translation>« %1 » supprimée.</translation>
        </message>
        <message>
            <source>Save the convocations</source>
            <translation>Enregistrer les convocations</translation>
        </message>
        <message>
            <source>Save the attendance sheet</source>
            <translation>Enregistrer la feuille d'émargement</translation>
        </message>
    </context>
    <context>
        <name>AssemblyDialog</name>
        <message>
            <source>Edit the assembly</source>
            <translation>Modifier l'assemblée</translation>
        </message>
        <message>
            <source>New assembly</source>
            <translation>Nouvelle assemblée</translation>
        </message>
        <message>
            <source>Title *</source>
            <translation>Titre *</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Date and time</source>
            <translation>Date et heure</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>Lieu</translation>
        </message>
        <message>
            <source>One point per line</source>
            <translation>Un point par ligne</translation>
        </message>
        <message>
            <source>Agenda</source>
            <translation>Ordre du jour</translation>
        </message>
        <message>
            <source>Quorum</source>
            <translation>Quorum</translation>
        </message>
        <message>
            <source>of the members up to date with dues</source>
            <translation>des membres à jour de cotisation</translation>
        </message>
        <message>
            <source>of the invitees</source>
            <translation>des invités</translation>
        </message>
        <message>
            <source>Counted</source>
            <translation>Base de calcul</translation>
        </message>
        <message>
            <source>Most proxies per member present</source>
            <translation>Pouvoirs au plus par membre présent</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Convocation text</source>
            <translation>Texte de la convocation</translation>
        </message>
        <message>
            <source>Merge fields: %1</source>
            <translation>Champs de fusion : %1</translation>
        </message>
        <message>
            <source>{civility} {last_name},

We are pleased to invite you to the general assembly of {organisation}, on {date} at {time}, {place}.

Only members up to date with their dues take part in the votes. If you cannot attend, you may be represented by another member: give them the proxy below.

Kind regards,</source>
            <translation>{civility} {last_name},

Nous avons le plaisir de vous convier à l'assemblée générale des {organisation}, le {date} à {time}, {place}.

Seuls les membres à jour de leur cotisation prennent part aux votes. Si vous ne pouvez pas être présent(e), vous pouvez vous faire représenter par un autre membre : remettez-lui le pouvoir ci-dessous.

Veuillez agréer nos salutations distinguées.</translation>
        </message>
    </context>
    <context>
        <name>AssemblyTableModel</name>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Titre</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Answers</source>
            <translation>Réponses</translation>
        </message>
    </context>
    <context>
        <name>Association</name>
        <message>
            <source>Up to date</source>
            <translation>À jour</translation>
        </message>
        <message>
            <source>Due soon</source>
            <translation>Échéance proche</translation>
        </message>
        <message>
            <source>Late</source>
            <translation>En retard</translation>
        </message>
        <message>
            <source>Never paid</source>
            <translation>Jamais payé</translation>
        </message>
        <message>
            <source>Resigned</source>
            <translation>Démissionnaire</translation>
        </message>
        <message>
            <source>Not a member</source>
            <translation>Non adhérent</translation>
        </message>
        <message>
            <source>Active</source>
            <extracomment>Text colours of the statuses (readable on light and dark backgrounds alike).</extracomment>
            <translation>Actif</translation>
        </message>
        <message>
            <source>Benefactor</source>
            <translation>Bienfaiteur</translation>
        </message>
        <message>
            <source>Honorary</source>
            <translation>D'honneur</translation>
        </message>
        <message>
            <source>Bureau</source>
            <translation>Bureau</translation>
        </message>
        <message>
            <source>Youth</source>
            <translation>Jeune</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Autre</translation>
        </message>
        <message>
            <source>12 months from the payment</source>
            <translation>12 mois à partir du paiement</translation>
        </message>
        <message>
            <source>Calendar year</source>
            <translation>Année civile</translation>
        </message>
        <message>
            <source>Cash</source>
            <translation>Espèces</translation>
        </message>
        <message>
            <source>Cheque</source>
            <translation>Chèque</translation>
        </message>
        <message>
            <source>Bank transfer</source>
            <translation>Virement</translation>
        </message>
        <message>
            <source>Card</source>
            <translation>Carte bancaire</translation>
        </message>
        <message>
            <source>Direct debit</source>
            <translation>Prélèvement</translation>
        </message>
        <message>
            <source>No answer</source>
            <translation>Sans réponse</translation>
        </message>
        <message>
            <source>Attending</source>
            <translation>Présent(e)</translation>
        </message>
        <message>
            <source>Absent</source>
            <translation>Absent(e)</translation>
        </message>
        <message>
            <source>Represented</source>
            <translation>Représenté(e)</translation>
        </message>
        <message>
            <source>General assembly</source>
            <translation>Assemblée générale</translation>
        </message>
        <message>
            <source>Extraordinary general assembly</source>
            <translation>Assemblée générale extraordinaire</translation>
        </message>
        <message>
            <source>Board meeting</source>
            <translation>Réunion du bureau</translation>
        </message>
        <message>
            <source>Meeting</source>
            <translation>Réunion</translation>
        </message>
        <message>
            <source>Planned</source>
            <translation>Prévue</translation>
        </message>
        <message>
            <source>Held</source>
            <translation>Tenue</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Annulée</translation>
        </message>
        <message>
            <source>Letter</source>
            <translation>Courrier</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <source>Being sent</source>
            <translation>En cours d'envoi</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>Envoyée</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Échec</translation>
        </message>
        <message>
            <source>Letter printed</source>
            <translation>Lettre imprimée</translation>
        </message>
        <message>
            <source>On the day the membership ends</source>
            <translation>Le jour de la fin de l'adhésion</translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) before the end</source>
            <translation>
                <numerusform>%n jour avant la fin</numerusform>
                <numerusform>%n jours avant la fin</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) after the end</source>
            <translation>
                <numerusform>%n jour après la fin</numerusform>
                <numerusform>%n jours après la fin</numerusform>
            </translation>
        </message>
        <message>
            <source>Unknown merge field {%1}. Known fields: %2.</source>
            <translation>Champ de fusion inconnu {%1}. Champs connus : %2.</translation>
        </message>
        <message>
            <source>A brace { or } is not closed.</source>
            <translation>Une accolade { ou } n'est pas fermée.</translation>
        </message>
        <message>
            <source>Must be between %1 and %2.</source>
            <translation>Doit être compris entre %1 et %2.</translation>
        </message>
        <message>
            <source>“%1” is not an amount (for example 35 or 35,50).</source>
            <translation>« %1 » n'est pas un montant (par exemple 35 ou 35,50).</translation>
        </message>
        <message>
            <source>The payment date cannot be in the future.</source>
            <translation>La date de paiement ne peut pas être dans le futur.</translation>
        </message>
        <message>
            <source>This period overlaps a subscription already paid (%1 to %2).</source>
            <translation>Cette période chevauche une cotisation déjà payée (du %1 au %2).</translation>
        </message>
        <message>
            <source>Receipt %1 was issued for this payment: cancel the subscription instead.</source>
            <translation>Le reçu %1 a été émis pour ce paiement : annulez plutôt la cotisation.</translation>
        </message>
        <message>
            <source>“%1” already exists.</source>
            <translation>« %1 » existe déjà.</translation>
        </message>
        <message>
            <source>Another reminder is already sent on that day.</source>
            <translation>Une autre relance est déjà envoyée ce jour-là.</translation>
        </message>
        <message>
            <source>%1 is not a member on that day.</source>
            <translation>%1 n'est pas membre à cette date.</translation>
        </message>
        <message>
            <source>The membership only started on %1.</source>
            <translation>L'adhésion n'a commencé que le %1.</translation>
        </message>
        <message>
            <source>%1 is not invited.</source>
            <translation>%1 n'est pas invité(e).</translation>
        </message>
        <message>
            <source>A member cannot give a proxy to themselves.</source>
            <translation>Un membre ne peut pas se donner pouvoir à lui-même.</translation>
        </message>
        <message>
            <source>%1 is not invited to this assembly and cannot hold a proxy.</source>
            <translation>%1 n'est pas invité(e) à cette assemblée et ne peut pas recevoir de pouvoir.</translation>
        </message>
        <message>
            <source>%1 will not attend and cannot hold a proxy.</source>
            <translation>%1 ne sera pas présent(e) et ne peut pas recevoir de pouvoir.</translation>
        </message>
        <message>
            <source>%1 already holds %2 proxies, the most allowed for this assembly. Choose someone else.</source>
            <translation>%1 détient déjà %2 pouvoir(s), le maximum permis pour cette assemblée. Choisissez quelqu'un d'autre.</translation>
        </message>
        <message>
            <source>%1 holds proxies (%2): give them to someone else first.</source>
            <translation>%1 détient des pouvoirs (%2) : confiez-les d'abord à quelqu'un d'autre.</translation>
        </message>
        <message>
            <source>The attachment is too large (%1; at most %2).</source>
            <translation>La pièce jointe est trop lourde (%1 ; au plus %2).</translation>
        </message>
        <message>
            <source>Membership receipts</source>
            <translation>Reçus de cotisation</translation>
        </message>
        <message>
            <source>Membership receipt</source>
            <translation>Reçu de cotisation</translation>
        </message>
        <message>
            <source>No. %1</source>
            <translation>N° %1</translation>
        </message>
        <message>
            <source>We acknowledge receipt from %1 of the sum of %2 as the membership fee “%3” for the period from %4 to %5.</source>
            <translation>Nous avons reçu de %1 la somme de %2 au titre de la cotisation « %3 » pour la période du %4 au %5.</translation>
        </message>
        <message>
            <source>Membership</source>
            <translation>Adhésion</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>Période</translation>
        </message>
        <message>
            <source>%1 to %2</source>
            <translation>du %1 au %2</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Montant</translation>
        </message>
        <message>
            <source>Paid on</source>
            <translation>Payée le</translation>
        </message>
        <message>
            <source>Payment method</source>
            <translation>Mode de paiement</translation>
        </message>
        <message>
            <source>Issued in %1 on %2</source>
            <translation>Fait à %1, le %2</translation>
        </message>
        <message>
            <source>Issued on %1</source>
            <translation>Fait le %1</translation>
        </message>
        <message>
            <source>CANCELLED</source>
            <translation>ANNULÉ</translation>
        </message>
        <message>
            <source>Page %1 of %2</source>
            <translation>Page %1 sur %2</translation>
        </message>
        <message>
            <source>Member cards</source>
            <translation>Cartes de membre</translation>
        </message>
        <message>
            <source>MEMBER CARD</source>
            <translation>CARTE DE MEMBRE</translation>
        </message>
        <message>
            <source>Valid until %1</source>
            <translation>Valable jusqu'au %1</translation>
        </message>
        <message>
            <source>Member since %1</source>
            <translation>Membre depuis %1</translation>
        </message>
        <message>
            <source>Membership reminders</source>
            <translation>Relances d'adhésion</translation>
        </message>
        <message>
            <source>%1, %2</source>
            <translation>%1, le %2</translation>
        </message>
        <message>
            <source>Convocations</source>
            <translation>Convocations</translation>
        </message>
        <message>
            <source>Convocation: %1</source>
            <translation>Convocation : %1</translation>
        </message>
        <message>
            <source>Agenda</source>
            <translation>Ordre du jour</translation>
        </message>
        <message>
            <source>PROXY (to return if you cannot attend)</source>
            <translation>POUVOIR (à remettre si vous ne pouvez pas être présent(e))</translation>
        </message>
        <message>
            <source>I, the undersigned ______________________________, member of %1, give proxy to ______________________________ to represent me at “%2” on %3 and to vote in my name.</source>
            <translation>Je soussigné(e) ______________________________, membre de %1, donne pouvoir à ______________________________ pour me représenter à « %2 » le %3 et voter en mon nom.</translation>
        </message>
        <message>
            <source>Signed at ______________ on ____________      Signature:</source>
            <translation>Fait à ______________ le ____________      Signature :</translation>
        </message>
        <message>
            <source>Attendance sheet</source>
            <translation>Feuille d'émargement</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>No.</source>
            <translation>N°</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Dues paid</source>
            <translation>À jour</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Oui</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Non</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>Réponse</translation>
        </message>
        <message>
            <source>Proxies</source>
            <translation>Pouvoirs</translation>
        </message>
        <message>
            <source>Signature</source>
            <translation>Signature</translation>
        </message>
        <message>
            <source>Represented by %1</source>
            <translation>Représenté(e) par %1</translation>
        </message>
        <message>
            <source>Proxy of %1</source>
            <translation>Pouvoir de %1</translation>
        </message>
        <message>
            <source>Quorum: %2 of %1 members up to date, that is %3.</source>
            <translation>Quorum : %2 des %1 membres à jour, soit %3.</translation>
        </message>
        <message>
            <source>Quorum: %2 of %1 invitees, that is %3.</source>
            <translation>Quorum : %2 des %1 invités, soit %3.</translation>
        </message>
        <message>
            <source>Announced: %1 present and %2 represented, %3 counted.</source>
            <translation>Annoncés : %1 présents et %2 représentés, %3 comptés.</translation>
        </message>
        <message>
            <source>The quorum is reached.</source>
            <translation>Le quorum est atteint.</translation>
        </message>
        <message>
            <source>The quorum is not reached (%1 missing).</source>
            <translation>Le quorum n'est pas atteint (il en manque %1).</translation>
        </message>
        <message>
            <source>Present: ____   Represented: ____   Total: ____</source>
            <translation>Présents : ____   Représentés : ____   Total : ____</translation>
        </message>
    </context>
    <context>
        <name>AudienceWidget</name>
        <message>
            <source>Members whose dues are</source>
            <translation>Membres dont la cotisation est</translation>
        </message>
        <message>
            <source>Of the memberships (none ticked: all)</source>
            <translation>Des adhésions (aucune cochée : toutes)</translation>
        </message>
        <message numerus="yes">
            <source>%n person(s) selected today.</source>
            <translation>
                <numerusform>%n personne sélectionnée aujourd'hui.</numerusform>
                <numerusform>%n personnes sélectionnées aujourd'hui.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>BatchTableModel</name>
        <message>
            <source>Running or interrupted</source>
            <translation>En cours ou interrompu</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Terminé</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Interrompu</translation>
        </message>
        <message>
            <source>Undone</source>
            <translation>Défait</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Fichier</translation>
        </message>
        <message>
            <source>Started</source>
            <translation>Commencé le</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>Créés</translation>
        </message>
        <message>
            <source>Updated</source>
            <translation>Mis à jour</translation>
        </message>
        <message>
            <source>Skipped</source>
            <translation>Ignorés</translation>
        </message>
        <message>
            <source>Errors</source>
            <translation>Erreurs</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
    </context>
    <context>
        <name>BouncedAddressesDialog</name>
        <message>
            <source>Bounced addresses</source>
            <translation>Adresses en échec</translation>
        </message>
        <message>
            <source>Campaigns leave these addresses out (“bounced address”). When a person has fixed their mailbox, put the address back.</source>
            <translation>Les campagnes laissent ces adresses de côté (« adresse en échec »). Quand une personne a réparé sa boîte aux lettres, remettez l'adresse.</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Adresse</translation>
        </message>
        <message>
            <source>Bounced on</source>
            <translation>Rejetée le</translation>
        </message>
        <message>
            <source>Server's reason</source>
            <translation>Raison donnée par le serveur</translation>
        </message>
        <message>
            <source>The address works again</source>
            <translation>L'adresse fonctionne de nouveau</translation>
        </message>
    </context>
    <context>
        <name>BulkTaskDialog</name>
        <message>
            <source>Plan tasks for several people</source>
            <extracomment>The creation finished: its result.</extracomment>
            <translation>Planifier des tâches pour plusieurs personnes</translation>
        </message>
        <message>
            <source>Add someone: type a name</source>
            <translation>Ajouter quelqu'un : tapez un nom</translation>
        </message>
        <message>
            <source>Follow-up call</source>
            <translation>Appel de relance</translation>
        </message>
        <message>
            <source>Subject *</source>
            <translation>Objet *</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>Échéance</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorité</translation>
        </message>
        <message>
            <source>No alert</source>
            <translation>Pas d'alerte</translation>
        </message>
        <message>
            <source>At the time</source>
            <translation>À l'heure dite</translation>
        </message>
        <message>
            <source>15 minutes before</source>
            <translation>15 minutes avant</translation>
        </message>
        <message>
            <source>1 day before</source>
            <translation>1 jour avant</translation>
        </message>
        <message>
            <source>Alert</source>
            <translation>Alerte</translation>
        </message>
        <message>
            <source>Assign</source>
            <translation>Attribuer</translation>
        </message>
        <message>
            <source>All to one collaborator</source>
            <translation>Toutes à un collaborateur</translation>
        </message>
        <message>
            <source>In turn to the members of a team</source>
            <translation>À tour de rôle aux membres d'une équipe</translation>
        </message>
        <message>
            <source>To each person's account owner; the others to</source>
            <translation>Au responsable du compte de chacun, les autres à</translation>
        </message>
        <message>
            <source>— nobody —</source>
            <translation>— personne —</translation>
        </message>
        <message>
            <source>Plan the tasks</source>
            <translation>Planifier les tâches</translation>
        </message>
        <message numerus="yes">
            <source>%n person(s) will each get a task.</source>
            <translation>
                <numerusform>%n personne aura sa tâche.</numerusform>
                <numerusform>%n personnes auront chacune leur tâche.</numerusform>
            </translation>
        </message>
        <message>
            <source>The tasks could not be planned</source>
            <translation>Les tâches n'ont pas pu être planifiées</translation>
        </message>
    </context>
    <context>
        <name>BusinessCardDialog</name>
        <message>
            <source>Business card of %1</source>
            <translation>Carte de visite de %1</translation>
        </message>
        <message>
            <source>QR code of the card, to scan with a phone</source>
            <translation>Code QR de la carte, à scanner avec un téléphone</translation>
        </message>
        <message>
            <source>Scan with a phone's camera to add this contact.</source>
            <translation>Scannez avec l'appareil photo d'un téléphone pour ajouter ce contact.</translation>
        </message>
        <message>
            <source>Save the vCard…</source>
            <translation>Enregistrer la vCard…</translation>
        </message>
        <message>
            <source>Print a card sheet (PDF)…</source>
            <translation>Imprimer une planche de cartes (PDF)…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
        <message>
            <source>Save the vCard</source>
            <translation>Enregistrer la vCard</translation>
        </message>
        <message>
            <source>Card sheet</source>
            <translation>Planche de cartes</translation>
        </message>
        <message>
            <source>Business cards</source>
            <translation>Cartes de visite</translation>
        </message>
    </context>
    <context>
        <name>CampaignLabels</name>
        <message>
            <source>E-mail</source>
            <extracomment>Files the page reads when dropped: returned e-mails, and providers' exports of received SMS. Outcome reasons of a reply whose sender no contact has (listed apart from what was not understood).</extracomment>
            <translation>E-mail</translation>
        </message>
        <message>
            <source>SMS</source>
            <translation>SMS</translation>
        </message>
        <message>
            <source>Postal letter</source>
            <translation>Courrier postal</translation>
        </message>
        <message>
            <source>Phone calls</source>
            <translation>Appels téléphoniques</translation>
        </message>
        <message>
            <source>Draft</source>
            <translation>Brouillon</translation>
        </message>
        <message>
            <source>Sending</source>
            <translation>Envoi en cours</translation>
        </message>
        <message>
            <source>Paused</source>
            <translation>En pause</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Terminée</translation>
        </message>
        <message>
            <source>To send</source>
            <translation>À envoyer</translation>
        </message>
        <message>
            <source>Interrupted: to check</source>
            <translation>Interrompu : à vérifier</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>Envoyé</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Échec</translation>
        </message>
        <message>
            <source>Bounced</source>
            <translation>Rejeté (bounce)</translation>
        </message>
        <message>
            <source>Skipped</source>
            <translation>Ignoré</translation>
        </message>
        <message>
            <source>in an excluded segment or group</source>
            <translation>dans un segment ou groupe exclu</translation>
        </message>
        <message>
            <source>opted out</source>
            <translation>désinscrit</translation>
        </message>
        <message>
            <source>no address</source>
            <translation>sans adresse</translation>
        </message>
        <message>
            <source>duplicate address</source>
            <translation>adresse en double</translation>
        </message>
        <message>
            <source>checked by hand</source>
            <translation>vérifié à la main</translation>
        </message>
        <message>
            <source>call task created</source>
            <translation>tâche d'appel créée</translation>
        </message>
        <message>
            <source>bounced address</source>
            <translation>adresse en échec (bounce)</translation>
        </message>
        <message>
            <source>invalid mobile number</source>
            <translation>numéro de mobile invalide</translation>
        </message>
        <message>
            <source>to send by hand (no SMS gateway)</source>
            <translation>à envoyer à la main (pas de passerelle SMS)</translation>
        </message>
        <message>
            <source>invalid address</source>
            <translation>adresse invalide</translation>
        </message>
        <message>
            <source>permanent bounce: %1</source>
            <translation>rejet définitif : %1</translation>
        </message>
        <message>
            <source>temporary bounce: %1</source>
            <translation>rejet temporaire : %1</translation>
        </message>
        <message>
            <source>No response</source>
            <translation>Pas de réponse</translation>
        </message>
        <message>
            <source>Interested</source>
            <translation>Intéressé</translation>
        </message>
        <message>
            <source>Not interested</source>
            <translation>Pas intéressé</translation>
        </message>
        <message>
            <source>Registered</source>
            <translation>Inscrit</translation>
        </message>
        <message>
            <source>Attended</source>
            <translation>Présent</translation>
        </message>
        <message>
            <source>Paid</source>
            <translation>A payé</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Autre</translation>
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
            <source>Full name</source>
            <translation>Nom complet</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>E-mail address</source>
            <translation>Adresse e-mail</translation>
        </message>
        <message>
            <source>City</source>
            <translation>Ville</translation>
        </message>
        <message>
            <source>Campaign name</source>
            <translation>Nom de la campagne</translation>
        </message>
    </context>
    <context>
        <name>CampaignListModel</name>
        <message>
            <source>Campaign</source>
            <translation>Campagne</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>Canal</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Recipients</source>
            <translation>Destinataires</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>Envoyés</translation>
        </message>
        <message>
            <source>Responses</source>
            <translation>Réponses</translation>
        </message>
    </context>
    <context>
        <name>CampaignsPage</name>
        <message>
            <source>Campaigns</source>
            <extracomment>Where the letters PDF goes (tests replace the dialog). Which returned messages to read (tests replace the dialog). The job reading dropped or chosen files, while it runs.</extracomment>
            <translation>Campagnes</translation>
        </message>
        <message>
            <source>New campaign</source>
            <translation>Nouvelle campagne</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Builder</source>
            <translation>Conception</translation>
        </message>
        <message>
            <source>Sending and responses</source>
            <translation>Envoi et réponses</translation>
        </message>
        <message>
            <source>Results</source>
            <translation>Résultats</translation>
        </message>
        <message>
            <source>Campaign</source>
            <translation>Campagne</translation>
        </message>
        <message>
            <source> per minute</source>
            <translation> par minute</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Objective</source>
            <translation>Objectif</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>Canal</translation>
        </message>
        <message>
            <source>spent</source>
            <translation>dépensé</translation>
        </message>
        <message>
            <source>Budget</source>
            <translation>Budget</translation>
        </message>
        <message>
            <source>to</source>
            <translation>au</translation>
        </message>
        <message>
            <source>Dates</source>
            <translation>Dates</translation>
        </message>
        <message>
            <source>Sending pace</source>
            <translation>Rythme d'envoi</translation>
        </message>
        <message>
            <source>Targets</source>
            <translation>Cibles</translation>
        </message>
        <message>
            <source>Include</source>
            <translation>Inclure</translation>
        </message>
        <message>
            <source>Exclude</source>
            <translation>Exclure</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Message</translation>
        </message>
        <message>
            <source>Insert the field</source>
            <translation>Insérer le champ</translation>
        </message>
        <message>
            <source>Insert “if present” block</source>
            <translation>Insérer un bloc « si renseigné »</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Objet</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>Texte</translation>
        </message>
        <message>
            <source>Preview</source>
            <translation>Aperçu</translation>
        </message>
        <message>
            <source>For</source>
            <translation>Pour</translation>
        </message>
        <message>
            <source>my address for a test</source>
            <translation>mon adresse pour un test</translation>
        </message>
        <message>
            <source>Send me a test</source>
            <translation>M'envoyer un test</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Enregistrer</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>Envoyer</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>Pause</translation>
        </message>
        <message>
            <source>Follow-up…</source>
            <translation>Relance…</translation>
        </message>
        <message>
            <source>Bounces and replies…</source>
            <translation>Retours et réponses…</translation>
        </message>
        <message>
            <source>Bounced addresses left out of campaigns</source>
            <translation>Adresses en échec laissées de côté par les campagnes</translation>
        </message>
        <message>
            <source>Bounced addresses</source>
            <translation>Adresses en échec</translation>
        </message>
        <message>
            <source>Read the mailbox</source>
            <translation>Lire la boîte aux lettres</translation>
        </message>
        <message>
            <source>Read bounces and unsubscribe replies from the workspace's mailbox</source>
            <translation>Lire les rejets et les demandes de désinscription dans la boîte aux lettres de l'espace de travail</translation>
        </message>
        <message>
            <source>Response of the selected people</source>
            <translation>Réponse des personnes sélectionnées</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>Enregistrer</translation>
        </message>
        <message>
            <source>Interrupted: it was delivered</source>
            <translation>Interrompu : il a été reçu</translation>
        </message>
        <message>
            <source>Interrupted: send it again</source>
            <translation>Interrompu : le renvoyer</translation>
        </message>
        <message>
            <source>Recipients</source>
            <translation>Destinataires</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>Envoyés</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>En échec</translation>
        </message>
        <message>
            <source>Bounced</source>
            <translation>Rejeté (bounce)</translation>
        </message>
        <message>
            <source>Skipped</source>
            <translation>Ignorés</translation>
        </message>
        <message>
            <source>Interrupted, to check</source>
            <translation>Interrompus, à vérifier</translation>
        </message>
        <message>
            <source>People who responded</source>
            <translation>Personnes ayant répondu</translation>
        </message>
        <message>
            <source>Responses by type</source>
            <translation>Réponses par type</translation>
        </message>
        <message>
            <source>Actual cost</source>
            <translation>Coût réel</translation>
        </message>
        <message>
            <source>Cost per response</source>
            <translation>Coût par réponse</translation>
        </message>
        <message>
            <source>Deals won</source>
            <translation>Affaires gagnées</translation>
        </message>
        <message>
            <source>Revenue</source>
            <translation>Chiffre d’affaires</translation>
        </message>
        <message>
            <source>Segment: %1</source>
            <translation>Segment : %1</translation>
        </message>
        <message>
            <source>Group: %1</source>
            <translation>Groupe : %1</translation>
        </message>
        <message>
            <source>Hello {first_name},

</source>
            <translation>Bonjour {first_name},

</translation>
        </message>
        <message>
            <source>Delete the campaign</source>
            <translation>Supprimer la campagne</translation>
        </message>
        <message>
            <source>Delete “%1”?</source>
            <translation>Supprimer « %1 » ?</translation>
        </message>
        <message numerus="yes">
            <source>%n recipient(s)</source>
            <translation>
                <numerusform>%n destinataire</numerusform>
                <numerusform>%n destinataires</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 — excluded: %2</source>
            <translation>%1 — exclus : %2</translation>
        </message>
        <message>
            <source>Unknown merge field: %1</source>
            <translation>Champ de fusion inconnu : %1</translation>
        </message>
        <message numerus="yes">
            <source>SMS of %n character(s)</source>
            <translation>
                <numerusform>SMS de %n caractère</numerusform>
                <numerusform>SMS de %n caractères</numerusform>
            </translation>
        </message>
        <message>
            <source>Campaign not saved</source>
            <translation>Campagne non enregistrée</translation>
        </message>
        <message>
            <source>The name is required.</source>
            <translation>Le nom est obligatoire.</translation>
        </message>
        <message>
            <source>Once sent, a campaign's targets and channel are fixed: use a follow-up instead.</source>
            <translation>Une fois envoyée, les cibles et le canal d'une campagne sont figés : faites plutôt une relance.</translation>
        </message>
        <message>
            <source>No mail account</source>
            <translation>Pas de compte de messagerie</translation>
        </message>
        <message>
            <source>The workspace's mail account is configured in the settings; then send again.</source>
            <translation>Le compte de messagerie de l'espace de travail se configure dans les paramètres ; puis envoyez à nouveau.</translation>
        </message>
        <message>
            <source>(an SMS has no subject)</source>
            <translation>(un SMS n'a pas d'objet)</translation>
        </message>
        <message>
            <source>my mobile for a test</source>
            <translation>mon mobile pour un test</translation>
        </message>
        <message>
            <source>Test not sent</source>
            <translation>Test non envoyé</translation>
        </message>
        <message>
            <source>Test sent to %1.</source>
            <translation>Test envoyé à %1.</translation>
        </message>
        <message>
            <source>The SMS gateway is set up in File › E-mail and SMS accounts; then send the test again.</source>
            <translation>La passerelle SMS se configure dans Fichier › Comptes e-mail et SMS ; renvoyez ensuite le test.</translation>
        </message>
        <message>
            <source>No SMS gateway is set up (File › E-mail and SMS accounts). Each SMS will be a task “to send by hand” on the person's timeline. Go on?</source>
            <translation>Aucune passerelle SMS n'est configurée (Fichier › Comptes e-mail et SMS). Chaque SMS deviendra une tâche « à envoyer à la main » dans l'historique de la personne. Continuer ?</translation>
        </message>
        <message>
            <source>E-mails and SMS received (*.eml *.csv *.xlsx);;E-mails (*.eml);;SMS received (*.csv *.xlsx)</source>
            <translation>E-mails et SMS reçus (*.eml *.csv *.xlsx);;E-mails (*.eml);;SMS reçus (*.csv *.xlsx)</translation>
        </message>
        <message>
            <source>All files (*)</source>
            <translation>Tous les fichiers (*)</translation>
        </message>
        <message>
            <source>Reading the returned messages…</source>
            <translation>Lecture des messages revenus…</translation>
        </message>
        <message>
            <source>The files could not be read.</source>
            <translation>Les fichiers n’ont pas pu être lus.</translation>
        </message>
        <message>
            <source>The workspace's mailbox is set up in File › E-mail and SMS accounts, tab Received mail (IMAP).</source>
            <translation>La boîte aux lettres de l'espace de travail se configure dans Fichier › Comptes e-mail et SMS, onglet Courrier reçu (IMAP).</translation>
        </message>
        <message>
            <source>“%1” is not a mobile number.</source>
            <translation>« %1 » n'est pas un numéro de mobile.</translation>
        </message>
        <message>
            <source>Call: %1</source>
            <translation>Appel : %1</translation>
        </message>
        <message numerus="yes">
            <source>%n call task(s) created.</source>
            <translation>
                <numerusform>%n tâche d'appel créée.</numerusform>
                <numerusform>%n tâches d'appel créées.</numerusform>
            </translation>
        </message>
        <message>
            <source>No SMS gateway</source>
            <translation>Pas de passerelle SMS</translation>
        </message>
        <message>
            <source>Read returned messages (.eml files, or drop them here): bounces mark the ledger, replies asking to unsubscribe opt the person out of e-mail. A CSV or Excel export of the SMS received (from the SMS provider's site): STOP replies opt the sender out of SMS</source>
            <translation>Lire les messages revenus (fichiers .eml, ou déposez-les ici) : les retours en erreur sont notés dans le suivi, les réponses demandant la désinscription retirent la personne des envois par e-mail. Un export CSV ou Excel des SMS reçus (depuis le site du fournisseur de SMS) : les réponses STOP retirent l’expéditeur des envois par SMS</translation>
        </message>
        <message>
            <source>Sending…</source>
            <translation>Envoi…</translation>
        </message>
        <message>
            <source>Save the letters</source>
            <translation>Enregistrer les lettres</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <source>%1, %2</source>
            <translation>%1, le %2</translation>
        </message>
        <message>
            <source> - labels</source>
            <translation> - étiquettes</translation>
        </message>
        <message numerus="yes">
            <source>%n letter(s) and their labels saved: %1</source>
            <translation>
                <numerusform>%n lettre et ses étiquettes enregistrées : %1</numerusform>
                <numerusform>%n lettres et leurs étiquettes enregistrées : %1</numerusform>
            </translation>
        </message>
        <message>
            <source>Pausing after the message being sent…</source>
            <translation>Mise en pause après le message en cours…</translation>
        </message>
        <message>
            <source>Paused: the server failed (%1). Send again to resume.</source>
            <translation>En pause : le serveur a échoué (%1). Envoyez à nouveau pour reprendre.</translation>
        </message>
        <message numerus="yes">
            <source>Done: %n message(s) sent, %1 refused (see the ledger).</source>
            <translation>
                <numerusform>Terminé : %n message envoyé, %1 refusé(s) (voir le registre).</numerusform>
                <numerusform>Terminé : %n messages envoyés, %1 refusé(s) (voir le registre).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Paused: %n message(s) left to send.</source>
            <translation>
                <numerusform>En pause : %n message reste à envoyer.</numerusform>
                <numerusform>En pause : %n messages restent à envoyer.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Done: %n message(s) sent.</source>
            <translation>
                <numerusform>Terminé : %n message envoyé.</numerusform>
                <numerusform>Terminé : %n messages envoyés.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n interrupted message(s) checked.</source>
            <translation>
                <numerusform>%n message interrompu vérifié.</numerusform>
                <numerusform>%n messages interrompus vérifiés.</numerusform>
            </translation>
        </message>
        <message>
            <source>Follow-up not created</source>
            <translation>Relance non créée</translation>
        </message>
        <message numerus="yes">
            <source>Follow-up ready for %n person(s): press Send.</source>
            <translation>
                <numerusform>Relance prête pour %n personne : cliquez sur Envoyer.</numerusform>
                <numerusform>Relance prête pour %n personnes : cliquez sur Envoyer.</numerusform>
            </translation>
        </message>
        <message>
            <source>Bounces and replies</source>
            <translation>Retours et réponses</translation>
        </message>
        <message>
            <source>No mailbox</source>
            <translation>Pas de boîte aux lettres</translation>
        </message>
        <message>
            <source>Reading the mailbox…</source>
            <translation>Lecture de la boîte aux lettres…</translation>
        </message>
        <message>
            <source>The mailbox could not be read: %1</source>
            <translation>La boîte aux lettres n'a pas pu être lue : %1</translation>
        </message>
        <message numerus="yes">
            <source>%n bounce(s) recorded</source>
            <translation>
                <numerusform>%n rejet enregistré</numerusform>
                <numerusform>%n rejets enregistrés</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n unsubscribe request(s)</source>
            <translation>
                <numerusform>%n demande de désinscription</numerusform>
                <numerusform>%n demandes de désinscription</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n other message(s) ignored</source>
            <translation>
                <numerusform>%n autre message ignoré</numerusform>
                <numerusform>%n autres messages ignorés</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing recorded</source>
            <translation>Rien à enregistrer</translation>
        </message>
        <message numerus="yes">
            <source>%n request(s) from a number or an address that no contact has: %1</source>
            <translation>
                <numerusform>%n demande venant d’un numéro ou d’une adresse qu’aucun contact n’a : %1</numerusform>
                <numerusform>%n demandes venant d’un numéro ou d’une adresse qu’aucun contact n’a : %1</numerusform>
            </translation>
        </message>
        <message>
            <source>Not understood: %1</source>
            <translation>Non compris : %1</translation>
        </message>
        <message>
            <source>%1 (%2 of the budget)</source>
            <translation>%1 (%2 du budget)</translation>
        </message>
    </context>
    <context>
        <name>ChangePasswordDialog</name>
        <message>
            <source>Change my password</source>
            <translation>Changer mon mot de passe</translation>
        </message>
        <message>
            <source>Login</source>
            <translation>Identifiant</translation>
        </message>
        <message>
            <source>New password</source>
            <translation>Nouveau mot de passe</translation>
        </message>
        <message>
            <source>Once more</source>
            <translation>Confirmation</translation>
        </message>
        <message>
            <source>A password needs at least 8 characters.</source>
            <translation>Un mot de passe doit compter au moins 8 caractères.</translation>
        </message>
        <message>
            <source>The two passwords differ.</source>
            <translation>Les deux mots de passe diffèrent.</translation>
        </message>
    </context>
    <context>
        <name>ChoiceListEditor</name>
        <message>
            <source>No value yet: type one below and press Add.</source>
            <translation>Aucune valeur pour l’instant : saisissez-en une ci-dessous puis cliquez sur Ajouter.</translation>
        </message>
        <message>
            <source>No value yet.</source>
            <translation>Aucune valeur pour l’instant.</translation>
        </message>
        <message>
            <source>Move up</source>
            <translation>Monter</translation>
        </message>
        <message>
            <source>Move down</source>
            <translation>Descendre</translation>
        </message>
        <message>
            <source>Rename</source>
            <translation>Renommer</translation>
        </message>
        <message>
            <source>Deactivate</source>
            <translation>Désactiver</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>New value</source>
            <translation>Nouvelle valeur</translation>
        </message>
        <message>
            <source>Rate, %</source>
            <translation>Taux, %</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>Ajouter</translation>
        </message>
        <message>
            <source>Activate</source>
            <translation>Activer</translation>
        </message>
        <message>
            <source>“%1” is already in this list.</source>
            <translation>« %1 » est déjà dans cette liste.</translation>
        </message>
        <message>
            <source>Type the rate as a number between 0 and 100, such as 5.5.</source>
            <translation>Saisissez le taux comme un nombre entre 0 et 100, par exemple 5,5.</translation>
        </message>
        <message>
            <source>This value cannot be added.</source>
            <translation>Cette valeur ne peut pas être ajoutée.</translation>
        </message>
        <message>
            <source>Not added</source>
            <translation>Non ajoutée</translation>
        </message>
        <message>
            <source>The value could not be added.</source>
            <translation>La valeur n’a pas pu être ajoutée.</translation>
        </message>
        <message>
            <source>Someone changed this value meanwhile: try again.</source>
            <translation>Quelqu’un a modifié cette valeur entre-temps : réessayez.</translation>
        </message>
        <message>
            <source>“%1” was not deleted: it is used by %2.</source>
            <translation>« %1 » n’a pas été supprimée : elle est utilisée par %2.</translation>
        </message>
        <message>
            <source>Delete “%1” from the list?</source>
            <translation>Supprimer « %1 » de la liste ?</translation>
        </message>
        <message>
            <source>Not deleted</source>
            <translation>Non supprimé</translation>
        </message>
        <message>
            <source>The value could not be deleted.</source>
            <translation>La valeur n’a pas pu être supprimée.</translation>
        </message>
        <message numerus="yes">
            <source>“%1” deleted; %n record(s) now use its replacement.</source>
            <translation>
                <numerusform>« %1 » supprimée ; %n fiche utilise désormais sa remplaçante.</numerusform>
                <numerusform>« %1 » supprimée ; %n fiches utilisent désormais sa remplaçante.</numerusform>
            </translation>
        </message>
        <message>
            <source>“%1” deleted.</source>
            <translation>« %1 » supprimée.</translation>
        </message>
    </context>
    <context>
        <name>Comms</name>
        <message>
            <source>The mail server could not be reached (is it down, or are the host and port right?).</source>
            <translation>Le serveur de messagerie est injoignable (est-il arrêté, le serveur et le port sont-ils justes ?).</translation>
        </message>
        <message>
            <source>The mail server refused the login: check the user name and password.</source>
            <translation>Le serveur de messagerie a refusé la connexion : vérifiez l'identifiant et le mot de passe.</translation>
        </message>
        <message>
            <source>The mail server refused the recipient's address.</source>
            <translation>Le serveur de messagerie a refusé l'adresse du destinataire.</translation>
        </message>
        <message>
            <source>The secure connection to the mail server failed.</source>
            <translation>La connexion sécurisée au serveur de messagerie a échoué.</translation>
        </message>
        <message>
            <source>No mail account is set up: see File › E-mail and SMS accounts.</source>
            <translation>Aucun compte de messagerie n'est configuré : voir Fichier › Comptes e-mail et SMS.</translation>
        </message>
        <message>
            <source>The SMS gateway refused the message.</source>
            <translation>La passerelle SMS a refusé le message.</translation>
        </message>
        <message>
            <source>The server refused the message.</source>
            <translation>Le serveur a refusé le message.</translation>
        </message>
        <message>
            <source>Draft</source>
            <translation>Brouillon</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>En attente</translation>
        </message>
        <message>
            <source>Being sent</source>
            <translation>En cours d'envoi</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>Envoyée</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Échec</translation>
        </message>
        <message>
            <source>E-mails not imported</source>
            <translation>E-mails non importés</translation>
        </message>
        <message>
            <source>not an e-mail</source>
            <translation>ce n'est pas un e-mail</translation>
        </message>
        <message>
            <source>the file could not be read</source>
            <translation>le fichier est illisible</translation>
        </message>
        <message>
            <source>the file is too big</source>
            <translation>le fichier est trop gros</translation>
        </message>
        <message numerus="yes">
            <source>%n e-mail(s) logged.</source>
            <translation>
                <numerusform>%n e-mail enregistré.</numerusform>
                <numerusform>%n e-mails enregistrés.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n already logged before.</source>
            <translation>
                <numerusform>%n déjà enregistré auparavant.</numerusform>
                <numerusform>%n déjà enregistrés auparavant.</numerusform>
            </translation>
        </message>
        <message>
            <source>Skipped %1: %2</source>
            <translation>Ignoré %1 : %2</translation>
        </message>
        <message>
            <source>E-mails imported</source>
            <translation>E-mails importés</translation>
        </message>
        <message>
            <source>Save %1…</source>
            <extracomment>Where "save" writes (tests replace the file dialog).</extracomment>
            <translation>Enregistrer %1…</translation>
        </message>
        <message>
            <source>Save the attachment</source>
            <translation>Enregistrer la pièce jointe</translation>
        </message>
        <message>
            <source>Attachment not saved</source>
            <translation>Pièce jointe non enregistrée</translation>
        </message>
        <message>
            <source>Interrupted: it may have gone out.</source>
            <translation>Interrompu : il est peut-être parti.</translation>
        </message>
    </context>
    <context>
        <name>CommsSettingsDialog</name>
        <message>
            <source>E-mail and SMS accounts</source>
            <translation>Comptes e-mail et SMS</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>Serveur</translation>
        </message>
        <message>
            <source>STARTTLS (port 587)</source>
            <translation>STARTTLS (port 587)</translation>
        </message>
        <message>
            <source>SSL/TLS (port 465)</source>
            <translation>SSL/TLS (port 465)</translation>
        </message>
        <message>
            <source>None (local relay only)</source>
            <translation>Aucune (relais local seulement)</translation>
        </message>
        <message>
            <source>Security</source>
            <translation>Sécurité</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>Port</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Identifiant</translation>
        </message>
        <message>
            <source>(stored in the keychain)</source>
            <translation>(enregistré dans le trousseau)</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Mot de passe</translation>
        </message>
        <message>
            <source>Sender address</source>
            <translation>Adresse d'expédition</translation>
        </message>
        <message>
            <source>Sender name</source>
            <translation>Nom de l'expéditeur</translation>
        </message>
        <message>
            <source>Test the connection</source>
            <translation>Tester la connexion</translation>
        </message>
        <message>
            <source>E-mail (SMTP)</source>
            <translation>E-mail (SMTP)</translation>
        </message>
        <message>
            <source>Gateway address</source>
            <translation>Adresse de la passerelle</translation>
        </message>
        <message>
            <source>POST (form)</source>
            <translation>POST (formulaire)</translation>
        </message>
        <message>
            <source>POST (JSON)</source>
            <translation>POST (JSON)</translation>
        </message>
        <message>
            <source>GET (in the address)</source>
            <translation>GET (dans l'adresse)</translation>
        </message>
        <message>
            <source>Method</source>
            <translation>Mode</translation>
        </message>
        <message>
            <source>Number parameter</source>
            <translation>Paramètre du numéro</translation>
        </message>
        <message>
            <source>Text parameter</source>
            <translation>Paramètre du texte</translation>
        </message>
        <message>
            <source>Sender parameter</source>
            <translation>Paramètre de l'expéditeur</translation>
        </message>
        <message>
            <source>Send the key in a header (otherwise as a parameter)</source>
            <translation>Envoyer la clé dans un en-tête (sinon en paramètre)</translation>
        </message>
        <message>
            <source>Key header or parameter</source>
            <translation>En-tête ou paramètre de la clé</translation>
        </message>
        <message>
            <source>Before the key</source>
            <translation>Avant la clé</translation>
        </message>
        <message>
            <source>API key</source>
            <translation>Clé d'API</translation>
        </message>
        <message>
            <source>Answer must contain</source>
            <translation>La réponse doit contenir</translation>
        </message>
        <message>
            <source>SMS gateway</source>
            <translation>Passerelle SMS</translation>
        </message>
        <message>
            <source>Optional: a mailbox the Journal reads on demand (Read the mailbox). Its messages are logged like dropped .eml files and stay unread on the server.</source>
            <translation>Facultatif : une boîte aux lettres que le Journal lit à la demande (Lire la boîte aux lettres). Ses messages sont enregistrés comme des fichiers .eml déposés et restent non lus sur le serveur.</translation>
        </message>
        <message>
            <source>SSL/TLS (port 993)</source>
            <translation>SSL/TLS (port 993)</translation>
        </message>
        <message>
            <source>STARTTLS (port 143)</source>
            <translation>STARTTLS (port 143)</translation>
        </message>
        <message>
            <source>None (local server only)</source>
            <translation>Aucune (serveur local seulement)</translation>
        </message>
        <message>
            <source>Folder</source>
            <translation>Dossier</translation>
        </message>
        <message>
            <source>Received mail (IMAP)</source>
            <translation>Courrier reçu (IMAP)</translation>
        </message>
        <message>
            <source>Connecting…</source>
            <translation>Connexion…</translation>
        </message>
        <message>
            <source>The server accepted the connection.</source>
            <translation>Le serveur a accepté la connexion.</translation>
        </message>
    </context>
    <context>
        <name>ConditionRow</name>
        <message>
            <source>Field</source>
            <translation>Champ</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>Opérateur</translation>
        </message>
        <message>
            <source>Remove this condition</source>
            <translation>Retirer cette condition</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Valeur</translation>
        </message>
        <message>
            <source> days</source>
            <translation> jours</translation>
        </message>
        <message>
            <source>Number of days</source>
            <translation>Nombre de jours</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>69, 2A, 974…</source>
            <translation>69, 2A, 974…</translation>
        </message>
        <message>
            <source>Beginning of the postcode</source>
            <translation>Début du code postal</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>Texte</translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <source>Yes</source>
            <extracomment>(attribute of the draft, translated label, how to show its value) of one field the dialog compares.</extracomment>
            <translation>Oui</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Non</translation>
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
            <source>Looked after by</source>
            <translation>Responsable</translation>
        </message>
        <message>
            <source>Private</source>
            <translation>Privée</translation>
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
        <name>ConsentPanel</name>
        <message>
            <source>E-mail</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <source>SMS</source>
            <translation>SMS</translation>
        </message>
        <message>
            <source>Post</source>
            <translation>Courrier</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Téléphone</translation>
        </message>
        <message>
            <source>Not recorded</source>
            <translation>Non renseigné</translation>
        </message>
        <message>
            <source>Agrees (opt-in)</source>
            <translation>Accepte (opt-in)</translation>
        </message>
        <message>
            <source>Refuses (opt-out)</source>
            <translation>Refuse (opt-out)</translation>
        </message>
        <message>
            <source>Consent per channel</source>
            <translation>Consentement par canal</translation>
        </message>
        <message>
            <source>No campaign and no mail merge reaches a person who refuses a channel; unsubscribing sets it.</source>
            <translation>Aucune campagne ni aucun publipostage n'atteint une personne qui refuse un canal ; la désinscription l'enregistre.</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>Canal</translation>
        </message>
        <message>
            <source>Choice</source>
            <translation>Choix</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Origine</translation>
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
            <source>Add to group…</source>
            <translation>Ajouter à un groupe…</translation>
        </message>
        <message>
            <source>Put the selected contacts in a group</source>
            <translation>Mettre les contacts sélectionnés dans un groupe</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>Exporter…</translation>
        </message>
        <message>
            <source>Export the list as filtered, or the selected rows</source>
            <translation>Exporter la liste telle que filtrée, ou les lignes sélectionnées</translation>
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
        <message>
            <source>Select the contacts to add to a group first.</source>
            <translation>Sélectionnez d'abord les contacts à ajouter à un groupe.</translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) added to “%1”.</source>
            <translation>
                <numerusform>%n contact ajouté à « %1 ».</numerusform>
                <numerusform>%n contacts ajoutés à « %1 ».</numerusform>
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
        <message numerus="yes">
            <source>%n contact(s) exported.</source>
            <translation>
                <numerusform>%n contact exporté.</numerusform>
                <numerusform>%n contacts exportés.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ConversationsPage</name>
        <message>
            <source>Conversations</source>
            <extracomment>How many messages this user has not read (the sidebar shows it).</extracomment>
            <translation>Conversations</translation>
        </message>
        <message>
            <source>Subject of a new conversation</source>
            <translation>Sujet d'une nouvelle conversation</translation>
        </message>
        <message>
            <source>About a contact (optional)</source>
            <translation>À propos d'un contact (facultatif)</translation>
        </message>
        <message>
            <source>About a contact</source>
            <translation>À propos d'un contact</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>Lancer</translation>
        </message>
        <message>
            <source>Messages</source>
            <translation>Messages</translation>
        </message>
        <message>
            <source>Write a message (Ctrl+Enter sends)</source>
            <translation>Écrire un message (Ctrl+Entrée envoie)</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Message</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>Envoyer</translation>
        </message>
        <message>
            <source>No conversation yet: type a subject above and press Start to talk with your colleagues.</source>
            <translation>Aucune conversation : saisissez un sujet ci-dessus et cliquez sur Lancer pour échanger avec vos collègues.</translation>
        </message>
        <message>
            <source>Choose a conversation on the left.</source>
            <translation>Choisissez une conversation à gauche.</translation>
        </message>
        <message>
            <source> — about %1</source>
            <translation> — à propos de %1</translation>
        </message>
        <message>
            <source>Conversation not started</source>
            <translation>Conversation non lancée</translation>
        </message>
        <message>
            <source>Message not sent</source>
            <translation>Message non envoyé</translation>
        </message>
    </context>
    <context>
        <name>DashboardPage</name>
        <message>
            <source>Dashboard</source>
            <extracomment>Every figure was read and drawn (tests wait on it). The charts were first drawn with figures (the dues statuses may still be on their way). What each clickable bar set stands for (kept so the click handlers can be called by tests).</extracomment>
            <translation>Tableau de bord</translation>
        </message>
        <message>
            <source>Read the figures again</source>
            <translation>Relire les chiffres</translation>
        </message>
        <message>
            <source>Refresh the dashboard</source>
            <translation>Actualiser le tableau de bord</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>Chargement…</translation>
        </message>
        <message>
            <source>The figures could not be read: %1</source>
            <translation>Les chiffres n’ont pas pu être lus : %1</translation>
        </message>
        <message>
            <source>Activities per week</source>
            <translation>Activités par semaine</translation>
        </message>
        <message>
            <source>Unassigned</source>
            <translation>Non attribuées</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvertes</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>En retard</translation>
        </message>
        <message>
            <source>Open and overdue tasks</source>
            <translation>Tâches ouvertes et en retard</translation>
        </message>
        <message>
            <source>Open deals (amount)</source>
            <translation>Affaires ouvertes (montant)</translation>
        </message>
        <message>
            <source>Pipeline value by stage</source>
            <translation>Valeur du pipeline par étape</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>Adhérents</translation>
        </message>
        <message>
            <source>Members by dues status</source>
            <translation>Adhérents par état de cotisation</translation>
        </message>
        <message>
            <source>Members by dues status (counting…)</source>
            <translation>Adhérents par état de cotisation (décompte…)</translation>
        </message>
        <message>
            <source>Messages sent</source>
            <translation>Messages envoyés</translation>
        </message>
        <message>
            <source>People who responded</source>
            <translation>Personnes ayant répondu</translation>
        </message>
        <message>
            <source>Latest campaigns: sent and responses</source>
            <translation>Dernières campagnes : envois et réponses</translation>
        </message>
        <message>
            <source>Latest campaigns: none sent yet</source>
            <translation>Dernières campagnes : aucune envoyée pour l’instant</translation>
        </message>
    </context>
    <context>
        <name>DealDialog</name>
        <message>
            <source>New deal</source>
            <translation>Nouvelle affaire</translation>
        </message>
        <message>
            <source>Deal: %1</source>
            <translation>Affaire : %1</translation>
        </message>
        <message>
            <source>Title *</source>
            <translation>Titre *</translation>
        </message>
        <message>
            <source>Type to find the organisation or person</source>
            <translation>Tapez pour trouver l'organisation ou la personne</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>Client</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>Étape</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Reason lost</source>
            <translation>Motif de perte</translation>
        </message>
        <message>
            <source>(nobody)</source>
            <translation>(personne)</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>Responsable</translation>
        </message>
        <message>
            <source>Amount excl. VAT (€)</source>
            <translation>Montant HT (€)</translation>
        </message>
        <message>
            <source>Probability</source>
            <translation>Probabilité</translation>
        </message>
        <message>
            <source>Expected</source>
            <translation>Prévue</translation>
        </message>
        <message>
            <source>Expected close</source>
            <translation>Clôture prévue</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Origine</translation>
        </message>
        <message>
            <source>Campaign</source>
            <translation>Campagne</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>(aucune)</translation>
        </message>
        <message>
            <source>Private (only its owner sees it)</source>
            <translation>Privée (seul son responsable la voit)</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>Contacts</source>
            <translation>Contacts</translation>
        </message>
        <message>
            <source>Function (buyer, decision maker…)</source>
            <translation>Fonction (acheteur, décideur…)</translation>
        </message>
        <message>
            <source>Function</source>
            <translation>Fonction</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>Ajouter</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>Personne</translation>
        </message>
        <message>
            <source>Remove the selected contact</source>
            <translation>Retirer le contact choisi</translation>
        </message>
        <message>
            <source>Lines (quote)</source>
            <translation>Lignes (devis)</translation>
        </message>
        <message>
            <source>Article</source>
            <translation>Article</translation>
        </message>
        <message>
            <source>Type an article's code or name</source>
            <translation>Tapez le code ou le nom d'un article</translation>
        </message>
        <message>
            <source>Add the article</source>
            <translation>Ajouter l'article</translation>
        </message>
        <message>
            <source>Free line</source>
            <translation>Ligne libre</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <source>Qty</source>
            <translation>Qté</translation>
        </message>
        <message>
            <source>Unit price</source>
            <translation>Prix unitaire</translation>
        </message>
        <message>
            <source>VAT %</source>
            <translation>TVA %</translation>
        </message>
        <message>
            <source>Total excl. VAT</source>
            <translation>Total HT</translation>
        </message>
        <message>
            <source>Remove the selected line</source>
            <translation>Retirer la ligne choisie</translation>
        </message>
        <message>
            <source>(deleted campaign)</source>
            <translation>(campagne supprimée)</translation>
        </message>
        <message>
            <source>Last saved by %1 on %2</source>
            <translation>Enregistrée par %1 le %2</translation>
        </message>
        <message>
            <source>Pick a person in the list first.</source>
            <translation>Choisissez d'abord une personne dans la liste.</translation>
        </message>
        <message>
            <source>Choose an article in the list first.</source>
            <translation>Choisissez d'abord un article dans la liste.</translation>
        </message>
        <message>
            <source>Total excl. VAT &lt;b&gt;%1&lt;/b&gt; · VAT %2 · &lt;b&gt;Total incl. VAT %3&lt;/b&gt;</source>
            <translation>Total HT &lt;b&gt;%1&lt;/b&gt; · TVA %2 · &lt;b&gt;Total TTC %3&lt;/b&gt;</translation>
        </message>
        <message>
            <source>No lines: the amount is typed by hand.</source>
            <translation>Sans lignes : le montant est saisi à la main.</translation>
        </message>
        <message>
            <source>Line %1: %2</source>
            <translation>Ligne %1 : %2</translation>
        </message>
        <message numerus="yes">
            <source>%n field(s) to correct before saving.</source>
            <translation>
                <numerusform>%n champ à corriger avant d'enregistrer.</numerusform>
                <numerusform>%n champs à corriger avant d'enregistrer.</numerusform>
            </translation>
        </message>
        <message>
            <source>Deal not saved</source>
            <translation>Affaire non enregistrée</translation>
        </message>
        <message>
            <source>Your role does not allow this.</source>
            <translation>Votre rôle ne le permet pas.</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Titre</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Montant</translation>
        </message>
        <message>
            <source>Private</source>
            <translation>Privée</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Oui</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Non</translation>
        </message>
        <message>
            <source>Lines</source>
            <translation>Lignes</translation>
        </message>
    </context>
    <context>
        <name>DealLabels</name>
        <message>
            <source>Open</source>
            <translation>En cours</translation>
        </message>
        <message>
            <source>Won</source>
            <translation>Gagnée</translation>
        </message>
        <message>
            <source>Lost</source>
            <translation>Perdue</translation>
        </message>
        <message>
            <source>“%1” is not a VAT rate (a percentage from 0 to 100).</source>
            <translation>« %1 » n'est pas un taux de TVA (un pourcentage de 0 à 100).</translation>
        </message>
        <message>
            <source>A stage cannot be both won and lost.</source>
            <translation>Une étape ne peut pas être à la fois gagnée et perdue.</translation>
        </message>
        <message>
            <source>Choose an article or describe the line.</source>
            <translation>Choisissez un article ou décrivez la ligne.</translation>
        </message>
        <message>
            <source>“%1” is not a valid quantity (a number greater than zero).</source>
            <translation>« %1 » n'est pas une quantité valable (un nombre plus grand que zéro).</translation>
        </message>
        <message>
            <source>This contact no longer exists.</source>
            <translation>Ce contact n'existe plus.</translation>
        </message>
        <message>
            <source>This article no longer exists.</source>
            <translation>Cet article n'existe plus.</translation>
        </message>
        <message>
            <source>This campaign no longer exists.</source>
            <translation>Cette campagne n'existe plus.</translation>
        </message>
        <message>
            <source>“%1” is already among the deal's contacts.</source>
            <translation>« %1 » est déjà parmi les contacts de l'affaire.</translation>
        </message>
        <message>
            <source>“%1” is not a valid amount (euros and cents, zero or more).</source>
            <translation>« %1 » n'est pas un montant valable (euros et centimes, zéro ou plus).</translation>
        </message>
        <message>
            <source>Pick “%1” in the list of matches, or clear the field.</source>
            <translation>Choisissez « %1 » dans la liste proposée, ou videz le champ.</translation>
        </message>
        <message>
            <source>“%1” already exists.</source>
            <translation>« %1 » existe déjà.</translation>
        </message>
    </context>
    <context>
        <name>DealTableModel</name>
        <message>
            <source>Deal</source>
            <translation>Affaire</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>Client</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>Responsable</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Montant</translation>
        </message>
        <message>
            <source>Probability</source>
            <translation>Probabilité</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>Étape</translation>
        </message>
        <message>
            <source>Expected close</source>
            <translation>Clôture prévue</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>État</translation>
        </message>
    </context>
    <context>
        <name>DealsPage</name>
        <message>
            <source>Deals</source>
            <translation>Affaires</translation>
        </message>
        <message>
            <source>Board</source>
            <translation>Tableau</translation>
        </message>
        <message>
            <source>List</source>
            <translation>Liste</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>Responsable</translation>
        </message>
        <message>
            <source>Configure stages…</source>
            <translation>Configurer les étapes…</translation>
        </message>
        <message>
            <source>New deal…</source>
            <translation>Nouvelle affaire…</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>Mark won</source>
            <translation>Marquer gagnée</translation>
        </message>
        <message>
            <source>Mark lost…</source>
            <translation>Marquer perdue…</translation>
        </message>
        <message>
            <source>Reopen</source>
            <translation>Rouvrir</translation>
        </message>
        <message>
            <source>Move to the trash</source>
            <translation>Mettre à la corbeille</translation>
        </message>
        <message>
            <source>No deals yet: create the first one with “New deal…”, or open the demo workspace.</source>
            <translation>Aucune affaire : créez la première avec « Nouvelle affaire… », ou ouvrez la démo.</translation>
        </message>
        <message>
            <source>Search a deal or a client (Ctrl+F)</source>
            <translation>Chercher une affaire ou un client (Ctrl+F)</translation>
        </message>
        <message>
            <source>Search deals</source>
            <translation>Chercher des affaires</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>Étape</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>État</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>Tous les états</translation>
        </message>
        <message>
            <source>All stages</source>
            <translation>Toutes les étapes</translation>
        </message>
        <message>
            <source>Every owner</source>
            <translation>Tous les responsables</translation>
        </message>
        <message numerus="yes">
            <source>%n open deal(s) — %1 (weighted %2)</source>
            <translation>
                <numerusform>%n affaire en cours — %1 (pondéré %2)</numerusform>
                <numerusform>%n affaires en cours — %1 (pondéré %2)</numerusform>
            </translation>
        </message>
        <message>
            <source>Select a deal to see it here.</source>
            <translation>Choisissez une affaire pour la voir ici.</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>Client</translation>
        </message>
        <message>
            <source>Probability</source>
            <translation>Probabilité</translation>
        </message>
        <message>
            <source>Expected close</source>
            <translation>Clôture prévue</translation>
        </message>
        <message>
            <source>Amount excl. VAT</source>
            <translation>Montant HT</translation>
        </message>
        <message>
            <source>Total incl. VAT</source>
            <translation>Total TTC</translation>
        </message>
        <message>
            <source>Reason lost</source>
            <translation>Motif de perte</translation>
        </message>
        <message>
            <source>Contacts</source>
            <translation>Contacts</translation>
        </message>
        <message>
            <source>Deal “%1” saved.</source>
            <translation>Affaire « %1 » enregistrée.</translation>
        </message>
        <message>
            <source>Deal not moved</source>
            <translation>Affaire non déplacée</translation>
        </message>
        <message>
            <source>“%1” won: %2 is now a client.</source>
            <translation>« %1 » gagnée : %2 est maintenant client.</translation>
        </message>
        <message>
            <source>“%1” moved to %2.</source>
            <translation>« %1 » déplacée en %2.</translation>
        </message>
        <message>
            <source>Someone changed this deal meanwhile: the board was read again.</source>
            <translation>Quelqu'un a modifié cette affaire entre-temps : le tableau a été relu.</translation>
        </message>
        <message>
            <source>Your role does not allow this.</source>
            <translation>Votre rôle ne le permet pas.</translation>
        </message>
        <message>
            <source>This deal no longer exists.</source>
            <translation>Cette affaire n'existe plus.</translation>
        </message>
        <message>
            <source>Deal not changed</source>
            <translation>Affaire non modifiée</translation>
        </message>
        <message>
            <source>Move the deal “%1” to the trash?</source>
            <translation>Mettre l'affaire « %1 » à la corbeille ?</translation>
        </message>
        <message>
            <source>Deal “%1” moved to the trash.</source>
            <translation>Affaire « %1 » mise à la corbeille.</translation>
        </message>
    </context>
    <context>
        <name>DocumentSaver</name>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation>Documents PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Preparing “%1”…</source>
            <extracomment>Status-bar messages (text, undo callback or None). A document was written (its path).</extracomment>
            <translation>Préparation de « %1 »…</translation>
        </message>
        <message>
            <source>Saved “%1”.</source>
            <translation>« %1 » enregistré.</translation>
        </message>
        <message>
            <source>The document was not written</source>
            <translation>Le document n'a pas été écrit</translation>
        </message>
        <message>
            <source>“%1” could not be written: %2</source>
            <translation>« %1 » n'a pas pu être écrit : %2</translation>
        </message>
        <message>
            <source>Preparing “%1”… %2 of %3</source>
            <translation>Préparation de « %1 »… %2 sur %3</translation>
        </message>
    </context>
    <context>
        <name>DomainPage</name>
        <message>
            <source>Prospects</source>
            <translation>Prospects</translation>
        </message>
        <message>
            <source>Clients</source>
            <translation>Clients</translation>
        </message>
        <message>
            <source>Member directory</source>
            <translation>Annuaire des adhérents</translation>
        </message>
        <message>
            <source>Partners</source>
            <translation>Partenaires</translation>
        </message>
        <message>
            <source>Suppliers</source>
            <translation>Fournisseurs</translation>
        </message>
        <message>
            <source>Competitors</source>
            <translation>Concurrents</translation>
        </message>
        <message>
            <source>Collaborators</source>
            <translation>Collaborateurs</translation>
        </message>
        <message>
            <source>Convert to client</source>
            <translation>Convertir en client</translation>
        </message>
        <message>
            <source>The selected prospects become clients today; their role history keeps both.</source>
            <translation>Les prospects sélectionnés deviennent clients aujourd’hui ; l’historique de leurs rôles garde les deux.</translation>
        </message>
        <message>
            <source>End the role</source>
            <translation>Terminer le rôle</translation>
        </message>
        <message>
            <source>The selected records no longer hold this role from today on: its last day was yesterday.</source>
            <translation>Les fiches sélectionnées n’ont plus ce rôle à partir d’aujourd’hui : son dernier jour était hier.</translation>
        </message>
        <message>
            <source>Search name, organisation, e-mail, phone, city… (Ctrl+F)</source>
            <translation>Rechercher nom, organisation, e-mail, téléphone, ville… (Ctrl+F)</translation>
        </message>
        <message>
            <source>Search</source>
            <translation>Rechercher</translation>
        </message>
        <message>
            <source>Current or former</source>
            <translation>Actuels ou anciens</translation>
        </message>
        <message>
            <source>Current</source>
            <translation>Actuels</translation>
        </message>
        <message>
            <source>Former</source>
            <translation>Anciens</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>Team</source>
            <translation>Équipe</translation>
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
            <source>Clear the search and filters</source>
            <translation>Effacer la recherche et les filtres</translation>
        </message>
        <message numerus="yes">
            <source>%n record(s) or more, counting…</source>
            <translation>
                <numerusform>%n fiche ou plus, comptage…</numerusform>
                <numerusform>%n fiches ou plus, comptage…</numerusform>
            </translation>
        </message>
        <message>
            <source>The list could not be read: %1</source>
            <translation>La liste n'a pas pu être lue : %1</translation>
        </message>
        <message>
            <source>All states</source>
            <translation>Tous les états</translation>
        </message>
        <message>
            <source>All categories</source>
            <translation>Toutes les catégories</translation>
        </message>
        <message>
            <source>All tags</source>
            <translation>Toutes les étiquettes</translation>
        </message>
        <message>
            <source>All teams</source>
            <translation>Toutes les équipes</translation>
        </message>
        <message numerus="yes">
            <source>%n record(s)</source>
            <translation>
                <numerusform>%n fiche</numerusform>
                <numerusform>%n fiches</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing matches the search and filters.</source>
            <translation>Aucune fiche ne correspond à la recherche et aux filtres.</translation>
        </message>
        <message>
            <source>No former %1 yet.</source>
            <translation>Aucun ancien %1 pour l’instant.</translation>
        </message>
        <message>
            <source>Nobody holds this role today. Give the role to a contact in its form (tab “Roles and tags”), or open the demo to see an example.</source>
            <translation>Personne n’a ce rôle aujourd’hui. Donnez ce rôle à un contact dans sa fiche (onglet « Rôles et étiquettes »), ou ouvrez la démo pour voir un exemple.</translation>
        </message>
        <message numerus="yes">
            <source>%n record(s) selected</source>
            <translation>
                <numerusform>%n fiche sélectionnée</numerusform>
                <numerusform>%n fiches sélectionnées</numerusform>
            </translation>
        </message>
        <message>
            <source>Select a record to see it here; double-click to open it.</source>
            <translation>Sélectionnez une fiche pour la voir ici ; double-cliquez pour l’ouvrir.</translation>
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
            <source>Role history</source>
            <translation>Historique des rôles</translation>
        </message>
        <message>
            <source>Teams</source>
            <translation>Équipes</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Étiquettes</translation>
        </message>
        <message>
            <source>Convert “%1” into a client?</source>
            <translation>Convertir « %1 » en client ?</translation>
        </message>
        <message numerus="yes">
            <source>Convert %n prospect(s) into clients?</source>
            <translation>
                <numerusform>Convertir %n prospect en client ?</numerusform>
                <numerusform>Convertir %n prospects en clients ?</numerusform>
            </translation>
        </message>
        <message>
            <source>Not converted</source>
            <translation>Non converti</translation>
        </message>
        <message>
            <source>The prospects could not be converted.</source>
            <translation>Les prospects n’ont pas pu être convertis.</translation>
        </message>
        <message numerus="yes">
            <source>%n prospect(s) converted into clients.</source>
            <translation>
                <numerusform>%n prospect converti en client.</numerusform>
                <numerusform>%n prospects convertis en clients.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>End the role “%1” of %n record(s)? Its last day was yesterday.</source>
            <translation>
                <numerusform>Terminer le rôle « %1 » de %n fiche ? Son dernier jour était hier.</numerusform>
                <numerusform>Terminer le rôle « %1 » de %n fiches ? Son dernier jour était hier.</numerusform>
            </translation>
        </message>
        <message>
            <source>Not changed</source>
            <translation>Non modifié</translation>
        </message>
        <message>
            <source>The role could not be ended.</source>
            <translation>Le rôle n’a pas pu être terminé.</translation>
        </message>
        <message numerus="yes">
            <source>%n role(s) ended.</source>
            <translation>
                <numerusform>%n rôle terminé.</numerusform>
                <numerusform>%n rôles terminés.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DryRunPage</name>
        <message>
            <source>Dry run: nothing has been written yet</source>
            <translation>Simulation : rien n'a encore été écrit</translation>
        </message>
        <message>
            <source>Rows listed here will not be imported: save them, fix them and import that file again.</source>
            <translation>Les lignes listées ici ne seront pas importées : enregistrez-les, corrigez-les et importez ce fichier à nouveau.</translation>
        </message>
        <message>
            <source>Save rows in error…</source>
            <translation>Enregistrer les lignes en erreur…</translation>
        </message>
        <message>
            <source>Reading the whole file…</source>
            <translation>Lecture de tout le fichier…</translation>
        </message>
        <message>
            <source>The file could not be read to the end: %1</source>
            <translation>Le fichier n'a pas pu être lu jusqu'au bout : %1</translation>
        </message>
    </context>
    <context>
        <name>DuplicatePairTableModel</name>
        <message>
            <source>Score</source>
            <extracomment>Sort value of a cell (numbers as numbers), for a proxy that sorts.</extracomment>
            <translation>Score</translation>
        </message>
        <message>
            <source>First record</source>
            <translation>Première fiche</translation>
        </message>
        <message>
            <source>Second record</source>
            <translation>Seconde fiche</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>Pourquoi</translation>
        </message>
    </context>
    <context>
        <name>DuplicatesPage</name>
        <message>
            <source>Duplicates</source>
            <translation>Doublons</translation>
        </message>
        <message>
            <source>Find duplicates</source>
            <translation>Chercher les doublons</translation>
        </message>
        <message>
            <source>Look through the whole workspace for records that are probably the same</source>
            <translation>Parcourir tout l'espace de travail à la recherche de fiches qui sont probablement les mêmes</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Records entered twice (same e-mail, same phone, same or close name at the same organisation or in the same city) are listed here. Click “Find duplicates” to look through the workspace.</source>
            <translation>Les fiches saisies deux fois (même e-mail, même téléphone, nom identique ou proche dans la même organisation ou la même ville) sont listées ici. Cliquez sur « Chercher les doublons » pour parcourir l'espace de travail.</translation>
        </message>
        <message>
            <source>Merge…</source>
            <translation>Fusionner…</translation>
        </message>
        <message>
            <source>Not duplicates</source>
            <translation>Pas des doublons</translation>
        </message>
        <message>
            <source>These are two different records: stop proposing them</source>
            <translation>Ce sont deux fiches différentes : ne plus les proposer</translation>
        </message>
        <message>
            <source>Open the first</source>
            <translation>Ouvrir la première</translation>
        </message>
        <message>
            <source>Open the second</source>
            <translation>Ouvrir la seconde</translation>
        </message>
        <message>
            <source>Merges</source>
            <translation>Fusions</translation>
        </message>
        <message>
            <source>Undo this merge</source>
            <translation>Annuler cette fusion</translation>
        </message>
        <message>
            <source>Looking for duplicates…</source>
            <translation>Recherche des doublons…</translation>
        </message>
        <message numerus="yes">
            <source>%n likely duplicate(s); the %1 most certain are listed first.</source>
            <translation>
                <numerusform>%n doublon probable ; les %1 plus sûrs sont listés en premier.</numerusform>
                <numerusform>%n doublons probables ; les %1 plus sûrs sont listés en premier.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n likely duplicate(s), most certain first.</source>
            <translation>
                <numerusform>%n doublon probable, le plus sûr en premier.</numerusform>
                <numerusform>%n doublons probables, les plus sûrs en premier.</numerusform>
            </translation>
        </message>
        <message>
            <source>No likely duplicates found.</source>
            <translation>Aucun doublon probable trouvé.</translation>
        </message>
        <message>
            <source>Search cancelled.</source>
            <translation>Recherche annulée.</translation>
        </message>
        <message>
            <source>Duplicates not searched</source>
            <translation>Doublons non recherchés</translation>
        </message>
        <message>
            <source>Merged into “%1”.</source>
            <translation>Fusionné dans « %1 ».</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>Non enregistré</translation>
        </message>
        <message>
            <source>Your role does not allow this change.</source>
            <translation>Votre rôle ne permet pas cette modification.</translation>
        </message>
        <message>
            <source>“%1” and “%2” will no longer be proposed as duplicates.</source>
            <translation>« %1 » et « %2 » ne seront plus proposés comme doublons.</translation>
        </message>
        <message>
            <source>Merge not undone</source>
            <translation>Fusion non annulée</translation>
        </message>
        <message>
            <source>Merge undone: both records are back.</source>
            <translation>Fusion annulée : les deux fiches sont de retour.</translation>
        </message>
        <message numerus="yes">
            <source>%n linked record(s) had changed since and were left as they are.</source>
            <translation>
                <numerusform>%n fiche liée avait changé depuis et a été laissée telle quelle.</numerusform>
                <numerusform>%n fiches liées avaient changé depuis et ont été laissées telles quelles.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>EmailComposer</name>
        <message>
            <source>New e-mail</source>
            <extracomment>Attachments bigger than this are refused: most servers reject messages over 20-25 MB. The fields the help line lists (each also has an English twin: {first_name}, {organization}...). The message was accepted by the server (OutboxDetail).</extracomment>
            <translation>Nouvel e-mail</translation>
        </message>
        <message>
            <source>E-mail to %1</source>
            <translation>E-mail à %1</translation>
        </message>
        <message>
            <source>To</source>
            <translation>Pour</translation>
        </message>
        <message>
            <source>Template</source>
            <translation>Modèle</translation>
        </message>
        <message>
            <source>(no template)</source>
            <translation>(aucun modèle)</translation>
        </message>
        <message>
            <source>Save as template…</source>
            <translation>Enregistrer comme modèle…</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Objet</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>Texte</translation>
        </message>
        <message>
            <source>Merge fields: %1</source>
            <translation>Champs de fusion : %1</translation>
        </message>
        <message>
            <source>As the recipient will read it</source>
            <translation>Tel que le destinataire le lira</translation>
        </message>
        <message>
            <source>Preview</source>
            <translation>Aperçu</translation>
        </message>
        <message>
            <source>Attachments</source>
            <translation>Pièces jointes</translation>
        </message>
        <message>
            <source>Attach…</source>
            <translation>Joindre…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Retirer</translation>
        </message>
        <message>
            <source>From %1</source>
            <translation>De %1</translation>
        </message>
        <message>
            <source>No mail account yet: the message will wait in the outbox.</source>
            <translation>Pas encore de compte de messagerie : le message attendra dans la boîte d'envoi.</translation>
        </message>
        <message>
            <source>Save draft</source>
            <translation>Enregistrer le brouillon</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>Envoyer</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Subject: %1</source>
            <translation>Objet : %1</translation>
        </message>
        <message>
            <source>Attach files</source>
            <translation>Joindre des fichiers</translation>
        </message>
        <message>
            <source>Attachment refused</source>
            <translation>Pièce jointe refusée</translation>
        </message>
        <message>
            <source>Attachments are limited to 20 MB in all.</source>
            <translation>Les pièces jointes sont limitées à 20 Mo au total.</translation>
        </message>
        <message>
            <source>Save as template</source>
            <translation>Enregistrer comme modèle</translation>
        </message>
        <message>
            <source>Template name</source>
            <translation>Nom du modèle</translation>
        </message>
        <message>
            <source>Not sent: %1 It is kept in the outbox.</source>
            <translation>Non envoyé : %1 Il est conservé dans la boîte d'envoi.</translation>
        </message>
        <message>
            <source>Sending…</source>
            <translation>Envoi…</translation>
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
        <name>EraseDialog</name>
        <message>
            <source>Erase %1 for good</source>
            <translation>Effacer définitivement %1</translation>
        </message>
        <message>
            <source>This deletes the person and everything about them, for good: it cannot be undone, not even from the trash. Only their random id is kept, so that a sync or an import never brings them back, and a hashed form of their e-mail addresses and phone numbers, so that a future import does not add them to mailings again.</source>
            <translation>La personne et tout ce qui la concerne sont supprimés définitivement : c'est irréversible, même depuis la corbeille. Seul son identifiant aléatoire est conservé, pour qu'une synchronisation ou un import ne la fasse jamais revenir, ainsi qu'une empreinte (hachage) de ses adresses e-mail et numéros de téléphone, pour qu'un futur import ne la réinscrive pas aux envois.</translation>
        </message>
        <message>
            <source>What will be deleted:</source>
            <translation>Ce qui sera supprimé :</translation>
        </message>
        <message>
            <source>Link removed, record kept: %1</source>
            <translation>Lien retiré, fiche conservée : %1</translation>
        </message>
        <message>
            <source>To confirm, type the person's name: &lt;b&gt;%1&lt;/b&gt;</source>
            <translation>Pour confirmer, tapez le nom de la personne : &lt;b&gt;%1&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Name of the person to erase</source>
            <translation>Nom de la personne à effacer</translation>
        </message>
        <message>
            <source>Erase for good</source>
            <translation>Effacer définitivement</translation>
        </message>
        <message>
            <source>Only an administrator can erase a person.</source>
            <translation>Seul un administrateur peut effacer une personne.</translation>
        </message>
        <message>
            <source>Erase</source>
            <translation>Effacer</translation>
        </message>
        <message>
            <source>This person cannot be erased.</source>
            <translation>Cette personne ne peut pas être effacée.</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source>Server unreachable</source>
            <translation>Serveur injoignable</translation>
        </message>
        <message>
            <source>The shared database could not be reached, so this was not done. Nothing you typed was lost: open forms are still open.
Try again once the status bar no longer says that the server is unreachable.</source>
            <translation>La base partagée n'a pas pu être jointe : rien n'a été fait. Rien de ce que vous avez saisi n'est perdu : les fiches ouvertes le sont toujours.
Réessayez quand la barre d'état n'indique plus que le serveur est injoignable.</translation>
        </message>
        <message>
            <source>Workspace busy</source>
            <translation>Espace de travail occupé</translation>
        </message>
        <message>
            <source>Another window or program is writing to this workspace (a big import, for example), so this was not done. Nothing you typed was lost: open forms are still open.
Try again in a moment.</source>
            <translation>Une autre fenêtre ou un autre programme écrit dans cet espace de travail (un gros import, par exemple) : l’action n’a donc pas été faite. Rien de ce que vous avez saisi n’est perdu : les fiches ouvertes le restent.
Réessayez dans un instant.</translation>
        </message>
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
        <name>Exchange</name>
        <message numerus="yes">
            <source>%n row(s) read: %1 to create, %2 to update, %3 to skip, %4 in error.</source>
            <translation>
                <numerusform>%n ligne lue : %1 à créer, %2 à mettre à jour, %3 à ignorer, %4 en erreur.</numerusform>
                <numerusform>%n lignes lues : %1 à créer, %2 à mettre à jour, %3 à ignorer, %4 en erreur.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n row(s): %1 created, %2 updated, %3 skipped, %4 in error.</source>
            <translation>
                <numerusform>%n ligne : %1 créées, %2 mises à jour, %3 ignorées, %4 en erreur.</numerusform>
                <numerusform>%n lignes : %1 créées, %2 mises à jour, %3 ignorées, %4 en erreur.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new organisation(s) created for the people's organisations.</source>
            <translation>
                <numerusform>%n nouvelle organisation créée pour les sociétés des personnes.</numerusform>
                <numerusform>%n nouvelles organisations créées pour les sociétés des personnes.</numerusform>
            </translation>
        </message>
        <message>
            <source>Undo this import</source>
            <translation>Défaire cet import</translation>
        </message>
        <message>
            <source>Remove the contacts this import created and give the updated ones back their previous values?</source>
            <translation>Supprimer les contacts créés par cet import et rendre aux contacts mis à jour leurs valeurs précédentes ?</translation>
        </message>
        <message>
            <source>Undo cancelled: nothing was changed.</source>
            <translation>Annulation interrompue : rien n'a été modifié.</translation>
        </message>
        <message>
            <source>The import could not be undone.</source>
            <translation>L'import n'a pas pu être défait.</translation>
        </message>
        <message numerus="yes">
            <source>Import undone: %n contact(s) removed</source>
            <translation>
                <numerusform>Import défait : %n contact supprimé</numerusform>
                <numerusform>Import défait : %n contacts supprimés</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n contact(s) given back their previous values.</source>
            <translation>
                <numerusform>, %n contact remis à ses valeurs précédentes.</numerusform>
                <numerusform>, %n contacts remis à leurs valeurs précédentes.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n subscription(s) or article(s) removed.</source>
            <translation>
                <numerusform>%n adhésion ou article supprimé.</numerusform>
                <numerusform>%n adhésions ou articles supprimés.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n article(s) given back their previous values.</source>
            <translation>
                <numerusform>%n article a retrouvé ses valeurs précédentes.</numerusform>
                <numerusform>%n articles ont retrouvé leurs valeurs précédentes.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) moved to the trash (only an administrator can delete for good).</source>
            <translation>
                <numerusform>%n contact mis à la corbeille (seul un administrateur peut supprimer définitivement).</numerusform>
                <numerusform>%n contacts mis à la corbeille (seul un administrateur peut supprimer définitivement).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) changed since the import were left as they are: %1</source>
            <translation>
                <numerusform>%n contact modifié depuis l'import a été laissé tel quel : %1</numerusform>
                <numerusform>%n contacts modifiés depuis l'import ont été laissés tels quels : %1</numerusform>
            </translation>
        </message>
        <message>
            <source>Undoing the import…</source>
            <translation>Annulation de l'import…</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Undoing the import… %1 of %2 contacts</source>
            <translation>Annulation de l'import… %1 contacts sur %2</translation>
        </message>
        <message>
            <source>Cancelling: putting everything back…</source>
            <translation>Interruption : tout est remis en l'état…</translation>
        </message>
        <message>
            <source>(ignore this column)</source>
            <translation>(ignorer cette colonne)</translation>
        </message>
        <message>
            <source>Type (person or organisation)</source>
            <translation>Type (personne ou organisation)</translation>
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
            <source>Full name (first and last)</source>
            <translation>Nom complet (prénom et nom)</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>Job title</source>
            <translation>Fonction</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <source>Other e-mails</source>
            <translation>Autres e-mails</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Téléphone</translation>
        </message>
        <message>
            <source>Mobile</source>
            <translation>Portable</translation>
        </message>
        <message>
            <source>Other phones</source>
            <translation>Autres téléphones</translation>
        </message>
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
            <source>Country</source>
            <translation>Pays</translation>
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
            <source>External id</source>
            <translation>Identifiant externe</translation>
        </message>
        <message>
            <source>Birth date</source>
            <translation>Date de naissance</translation>
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
            <source>Membership type (name or category)</source>
            <translation>Type d'adhésion (nom ou catégorie)</translation>
        </message>
        <message>
            <source>Period start</source>
            <translation>Début de période</translation>
        </message>
        <message>
            <source>Period end</source>
            <translation>Fin de période</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Montant</translation>
        </message>
        <message>
            <source>Payment date</source>
            <translation>Date de paiement</translation>
        </message>
        <message>
            <source>Payment method</source>
            <translation>Mode de paiement</translation>
        </message>
        <message>
            <source>Receipt number</source>
            <translation>Numéro de reçu</translation>
        </message>
        <message>
            <source>Article code</source>
            <translation>Code article</translation>
        </message>
        <message>
            <source>Article name</source>
            <translation>Libellé de l'article</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>Unit price (excl. VAT)</source>
            <translation>Prix unitaire HT</translation>
        </message>
        <message>
            <source>VAT rate (%)</source>
            <translation>Taux de TVA (%)</translation>
        </message>
        <message>
            <source>Active (yes/no)</source>
            <translation>Actif (oui/non)</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <source>People and organisations</source>
            <translation>Personnes et organisations</translation>
        </message>
        <message>
            <source>Members with their subscriptions</source>
            <translation>Des adhérents avec leurs cotisations</translation>
        </message>
        <message>
            <source>Articles of the catalogue</source>
            <translation>Des articles du catalogue</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Roles</source>
            <translation>Rôles</translation>
        </message>
        <message>
            <source>Updated</source>
            <translation>Mis à jour</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>Personne</translation>
        </message>
        <message>
            <source>E-mail address</source>
            <translation>Adresse e-mail</translation>
        </message>
        <message>
            <source>Phone number</source>
            <translation>Numéro de téléphone</translation>
        </message>
        <message>
            <source>Name and organisation</source>
            <translation>Nom et organisation</translation>
        </message>
        <message>
            <source>Fill in empty fields only</source>
            <translation>Compléter seulement les champs vides</translation>
        </message>
        <message>
            <source>Overwrite with the file's values</source>
            <translation>Remplacer par les valeurs du fichier</translation>
        </message>
        <message>
            <source>Skip the row</source>
            <translation>Ignorer la ligne</translation>
        </message>
        <message>
            <source>Truncated line: the file ends in the middle of this row</source>
            <translation>Ligne tronquée : le fichier s'arrête au milieu de cette ligne</translation>
        </message>
        <message>
            <source>Unreadable line (misplaced quote)</source>
            <translation>Ligne illisible (guillemet mal placé)</translation>
        </message>
        <message>
            <source>More values than columns (wrong separator?)</source>
            <translation>Plus de valeurs que de colonnes (mauvais séparateur ?)</translation>
        </message>
        <message>
            <source>Invalid e-mail address: %1</source>
            <translation>Adresse e-mail invalide : %1</translation>
        </message>
        <message>
            <source>Unreadable phone number: %1</source>
            <translation>Numéro de téléphone illisible : %1</translation>
        </message>
        <message>
            <source>Unreadable date: %1</source>
            <translation>Date illisible : %1</translation>
        </message>
        <message>
            <source>Invalid postcode: %1</source>
            <translation>Code postal invalide : %1</translation>
        </message>
        <message>
            <source>Unknown country: %1</source>
            <translation>Pays inconnu : %1</translation>
        </message>
        <message>
            <source>Missing field: a person needs a last name or an e-mail</source>
            <translation>Champ manquant : une personne doit avoir un nom ou un e-mail</translation>
        </message>
        <message>
            <source>Missing field: an organisation needs a name</source>
            <translation>Champ manquant : une organisation doit avoir un nom</translation>
        </message>
        <message>
            <source>Same key as line %1 of the file</source>
            <translation>Même clé que la ligne %1 du fichier</translation>
        </message>
        <message>
            <source>Value too long: %1</source>
            <translation>Valeur trop longue : %1</translation>
        </message>
        <message>
            <source>Unknown type (person or organisation): %1</source>
            <translation>Type inconnu (personne ou organisation) : %1</translation>
        </message>
        <message>
            <source>Already in the workspace (skipped)</source>
            <translation>Déjà dans l'espace de travail (ignorée)</translation>
        </message>
        <message>
            <source>Already up to date</source>
            <translation>Déjà à jour</translation>
        </message>
        <message>
            <source>Changed by someone else during the import</source>
            <translation>Modifié par quelqu'un d'autre pendant l'import</translation>
        </message>
        <message>
            <source>Invalid value: %1</source>
            <translation>Valeur invalide : %1</translation>
        </message>
        <message>
            <source>Erased person (GDPR): not added again</source>
            <translation>Personne effacée (RGPD) : pas ajoutée à nouveau</translation>
        </message>
        <message>
            <source>Same person as line %1</source>
            <translation>Même personne qu'à la ligne %1</translation>
        </message>
        <message>
            <source>Missing field: membership type</source>
            <translation>Champ manquant : type d'adhésion</translation>
        </message>
        <message>
            <source>Unknown membership type: %1</source>
            <translation>Type d'adhésion inconnu : %1</translation>
        </message>
        <message>
            <source>Several membership types of this category, give the type's name: %1</source>
            <translation>Plusieurs types d'adhésion dans cette catégorie, indiquez le nom du type : %1</translation>
        </message>
        <message>
            <source>Missing field: period start or payment date</source>
            <translation>Champ manquant : début de période ou date de paiement</translation>
        </message>
        <message>
            <source>The period ends before it starts: %1</source>
            <translation>La période se termine avant de commencer : %1</translation>
        </message>
        <message>
            <source>Overlaps a paid subscription (%1)</source>
            <translation>Chevauche une cotisation payée (%1)</translation>
        </message>
        <message>
            <source>Invalid amount: %1</source>
            <translation>Montant invalide : %1</translation>
        </message>
        <message>
            <source>Payment date in the future: %1</source>
            <translation>Date de paiement dans le futur : %1</translation>
        </message>
        <message>
            <source>Unknown payment method: %1</source>
            <translation>Mode de paiement inconnu : %1</translation>
        </message>
        <message>
            <source>Missing field: a paid subscription needs a payment method</source>
            <translation>Champ manquant : une cotisation payée demande un mode de paiement</translation>
        </message>
        <message>
            <source>Unreadable receipt number: %1</source>
            <translation>Numéro de reçu illisible : %1</translation>
        </message>
        <message>
            <source>A receipt number needs a payment date: %1</source>
            <translation>Un numéro de reçu demande une date de paiement : %1</translation>
        </message>
        <message>
            <source>Receipt number already used: %1</source>
            <translation>Numéro de reçu déjà utilisé : %1</translation>
        </message>
        <message>
            <source>Subscription already recorded</source>
            <translation>Cotisation déjà enregistrée</translation>
        </message>
        <message>
            <source>Missing field: code</source>
            <translation>Champ manquant : code</translation>
        </message>
        <message>
            <source>Missing field: name</source>
            <translation>Champ manquant : libellé</translation>
        </message>
        <message>
            <source>Invalid VAT rate: %1</source>
            <translation>Taux de TVA invalide : %1</translation>
        </message>
        <message>
            <source>Unreadable yes/no value: %1</source>
            <translation>Valeur oui/non illisible : %1</translation>
        </message>
        <message numerus="yes">
            <source>%n empty line(s) ignored.</source>
            <translation>
                <numerusform>%n ligne vide ignorée.</numerusform>
                <numerusform>%n lignes vides ignorées.</numerusform>
            </translation>
        </message>
        <message>
            <source>Merged cells (%1): only their first cell has the value.</source>
            <translation>Cellules fusionnées (%1) : seule leur première cellule porte la valeur.</translation>
        </message>
        <message numerus="yes">
            <source>%n formula cell(s): the values last computed by the spreadsheet are imported.</source>
            <translation>
                <numerusform>%n cellule avec formule : la dernière valeur calculée par le tableur est importée.</numerusform>
                <numerusform>%n cellules avec formule : les dernières valeurs calculées par le tableur sont importées.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n photo(s) ignored.</source>
            <translation>
                <numerusform>%n photo ignorée.</numerusform>
                <numerusform>%n photos ignorées.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>Export contacts</source>
            <translation>Exporter des contacts</translation>
        </message>
        <message>
            <source>CSV for Excel (separator ;)</source>
            <translation>CSV pour Excel (séparateur ;)</translation>
        </message>
        <message>
            <source>CSV (separator ,)</source>
            <translation>CSV (séparateur ,)</translation>
        </message>
        <message>
            <source>Excel workbook (.xlsx)</source>
            <translation>Classeur Excel (.xlsx)</translation>
        </message>
        <message>
            <source>vCard 3.0 (.vcf)</source>
            <translation>vCard 3.0 (.vcf)</translation>
        </message>
        <message>
            <source>vCard 4.0 (.vcf)</source>
            <translation>vCard 4.0 (.vcf)</translation>
        </message>
        <message>
            <source>&amp;Format:</source>
            <translation>&amp;Format :</translation>
        </message>
        <message numerus="yes">
            <source>The whole list as filtered (%n contact(s))</source>
            <translation>
                <numerusform>Toute la liste telle que filtrée (%n contact)</numerusform>
                <numerusform>Toute la liste telle que filtrée (%n contacts)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The selected rows (%n)</source>
            <translation>
                <numerusform>La ligne sélectionnée (%n)</numerusform>
                <numerusform>Les lignes sélectionnées (%n)</numerusform>
            </translation>
        </message>
        <message>
            <source>The selected rows (none)</source>
            <translation>Les lignes sélectionnées (aucune)</translation>
        </message>
        <message>
            <source>Contacts:</source>
            <translation>Contacts :</translation>
        </message>
        <message>
            <source>contacts.csv</source>
            <translation>contacts.csv</translation>
        </message>
        <message>
            <source>File to write</source>
            <translation>Fichier à écrire</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Parcourir…</translation>
        </message>
        <message>
            <source>&amp;File:</source>
            <translation>&amp;Fichier :</translation>
        </message>
        <message>
            <source>Cells that a spreadsheet would run as a formula (starting with =, +, -, @) are written as text; phone numbers and amounts come back unchanged when imported again.</source>
            <translation>Les cellules qu'un tableur exécuterait comme une formule (commençant par =, +, -, @) sont écrites comme du texte ; les numéros de téléphone et les montants reviennent inchangés quand on les réimporte.</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Exporter</translation>
        </message>
        <message>
            <source>An Excel sheet holds at most %1 rows, and this export has %2. Choose CSV, which has no limit, or narrow the list with a search or a segment.</source>
            <translation>Une feuille Excel contient au plus %1 lignes, et cet export en compte %2. Choisissez le CSV, qui n'a pas de limite, ou réduisez la liste par une recherche ou un segment.</translation>
        </message>
        <message>
            <source>The file could not be written.</source>
            <translation>Le fichier n'a pas pu être écrit.</translation>
        </message>
    </context>
    <context>
        <name>FilePage</name>
        <message>
            <source>Choose a file</source>
            <translation>Choisir un fichier</translation>
        </message>
        <message>
            <source>CSV (Excel, Google Contacts, Outlook), Excel workbook (.xlsx) or vCard (.vcf). Nothing is written before you have seen the dry run.</source>
            <translation>CSV (Excel, Google Contacts, Outlook), classeur Excel (.xlsx) ou vCard (.vcf). Rien n'est écrit avant que vous ayez vu la simulation.</translation>
        </message>
        <message>
            <source>File to import</source>
            <translation>Fichier à importer</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Parcourir…</translation>
        </message>
        <message>
            <source>The file &amp;holds:</source>
            <translation>Le fichier &amp;contient :</translation>
        </message>
        <message>
            <source>People and organisations; a matching key finds those already in the workspace.</source>
            <translation>Des personnes et des organisations ; une clé de rapprochement retrouve celles déjà présentes dans l'espace.</translation>
        </message>
        <message>
            <source>One row per subscription: the member (matched or created like a contact), the membership type by name or category, the period, the amount, the payment date and method, the receipt number. The member role is added; a subscription already recorded is skipped.</source>
            <translation>Une ligne par cotisation : l'adhérent (retrouvé ou créé comme un contact), le type d'adhésion par son nom ou sa catégorie, la période, le montant, la date et le mode de paiement, le numéro de reçu. Le rôle d'adhérent est ajouté ; une cotisation déjà enregistrée est ignorée.</translation>
        </message>
        <message>
            <source>The catalogue: code, name, category, unit price, VAT rate, active. An article with the same code is updated.</source>
            <translation>Le catalogue : code, libellé, catégorie, prix unitaire, taux de TVA, actif. Un article de même code est mis à jour.</translation>
        </message>
        <message>
            <source>Contact, member or article files (*.csv *.txt *.tsv *.xlsx *.vcf);;All files (*)</source>
            <translation>Fichiers de contacts, d'adhérents ou d'articles (*.csv *.txt *.tsv *.xlsx *.vcf);;Tous les fichiers (*)</translation>
        </message>
        <message>
            <source>This file cannot be read: %1</source>
            <translation>Ce fichier ne peut pas être lu : %1</translation>
        </message>
    </context>
    <context>
        <name>FollowUpDialog</name>
        <message>
            <source>Follow-up</source>
            <translation>Relance</translation>
        </message>
        <message>
            <source>Those who did not respond</source>
            <translation>Ceux qui n'ont pas répondu</translation>
        </message>
        <message>
            <source>Those who did not pay</source>
            <translation>Ceux qui n'ont pas payé</translation>
        </message>
        <message>
            <source>Send to</source>
            <translation>Envoyer à</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Objet</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Message</translation>
        </message>
    </context>
    <context>
        <name>FollowUpLabels</name>
        <message>
            <source>Late dues</source>
            <translation>Cotisation en retard</translation>
        </message>
        <message>
            <source>Unanswered invitation</source>
            <translation>Invitation sans réponse</translation>
        </message>
        <message>
            <source>No response to a campaign</source>
            <translation>Pas de réponse à une campagne</translation>
        </message>
    </context>
    <context>
        <name>FollowUpModel</name>
        <message>
            <source>To follow up</source>
            <translation>À relancer</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>About</source>
            <translation>Objet</translation>
        </message>
        <message>
            <source>Since</source>
            <translation>Depuis</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <source>Membership dues</source>
            <translation>Cotisation</translation>
        </message>
    </context>
    <context>
        <name>FollowUpsPage</name>
        <message>
            <source>Follow-ups</source>
            <extracomment>The reminder dialog and the letters' path (tests replace them).</extracomment>
            <translation>Relances</translation>
        </message>
        <message>
            <source>Everything</source>
            <translation>Tout</translation>
        </message>
        <message>
            <source>Remind by e-mail…</source>
            <translation>Relancer par e-mail…</translation>
        </message>
        <message>
            <source>Letters…</source>
            <translation>Lettres…</translation>
        </message>
        <message>
            <source>Call tasks</source>
            <translation>Tâches d'appel</translation>
        </message>
        <message>
            <source>Save the letters</source>
            <translation>Enregistrer les lettres</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <source>No mail account</source>
            <translation>Pas de compte de messagerie</translation>
        </message>
        <message>
            <source>The workspace's mail account is configured in the settings; then send again.</source>
            <translation>Le compte de messagerie de l'espace de travail se configure dans les paramètres ; puis envoyez à nouveau.</translation>
        </message>
        <message>
            <source>Reminders not sent</source>
            <translation>Relances non envoyées</translation>
        </message>
        <message numerus="yes">
            <source>%n reminder(s) sent</source>
            <translation>
                <numerusform>%n relance envoyée</numerusform>
                <numerusform>%n relances envoyées</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n skipped (no address or refused e-mail)</source>
            <translation>
                <numerusform>, %n ignorée (pas d'adresse ou e-mail refusé)</numerusform>
                <numerusform>, %n ignorées (pas d'adresse ou e-mail refusé)</numerusform>
            </translation>
        </message>
        <message>
            <source>Some reminders were not sent</source>
            <translation>Certaines relances n'ont pas été envoyées</translation>
        </message>
        <message>
            <source>Letters not made</source>
            <translation>Lettres non produites</translation>
        </message>
        <message>
            <source>Reminders</source>
            <translation>Relances</translation>
        </message>
        <message numerus="yes">
            <source>%n letter(s) saved.</source>
            <translation>
                <numerusform>%n lettre enregistrée.</numerusform>
                <numerusform>%n lettres enregistrées.</numerusform>
            </translation>
        </message>
        <message>
            <source>Follow-up call</source>
            <translation>Appel de relance</translation>
        </message>
        <message numerus="yes">
            <source>%n call task(s) created.</source>
            <translation>
                <numerusform>%n tâche d'appel créée.</numerusform>
                <numerusform>%n tâches d'appel créées.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>GroupRow</name>
        <message>
            <source>Combine the conditions</source>
            <translation>Combiner les conditions</translation>
        </message>
        <message>
            <source>All of these conditions (AND)</source>
            <translation>Toutes ces conditions (ET)</translation>
        </message>
        <message>
            <source>Any of these conditions (OR)</source>
            <translation>Au moins une de ces conditions (OU)</translation>
        </message>
        <message>
            <source>Condition</source>
            <translation>Condition</translation>
        </message>
        <message>
            <source>Add a condition</source>
            <translation>Ajouter une condition</translation>
        </message>
        <message>
            <source>Group</source>
            <translation>Groupe</translation>
        </message>
        <message>
            <source>Add a group of conditions (AND/OR)</source>
            <translation>Ajouter un groupe de conditions (ET/OU)</translation>
        </message>
        <message>
            <source>Exclude…</source>
            <translation>Exclure…</translation>
        </message>
        <message>
            <source>Exclude the parties matching a condition</source>
            <translation>Exclure les contacts qui remplissent une condition</translation>
        </message>
        <message>
            <source>Remove this group</source>
            <translation>Retirer ce groupe</translation>
        </message>
    </context>
    <context>
        <name>GroupsPage</name>
        <message>
            <source>Groups</source>
            <translation>Groupes</translation>
        </message>
        <message>
            <source>New group…</source>
            <translation>Nouveau groupe…</translation>
        </message>
        <message>
            <source>Rename…</source>
            <translation>Renommer…</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Plan tasks…</source>
            <translation>Planifier des tâches…</translation>
        </message>
        <message>
            <source>One task for each member of the group (a follow-up call, a visit…)</source>
            <translation>Une tâche pour chaque membre du groupe (un appel de relance, une visite…)</translation>
        </message>
        <message>
            <source>Search in the group (Ctrl+F)</source>
            <translation>Chercher dans le groupe (Ctrl+F)</translation>
        </message>
        <message>
            <source>Search in the group</source>
            <translation>Chercher dans le groupe</translation>
        </message>
        <message>
            <source>Remove from the group</source>
            <translation>Retirer du groupe</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>No group yet. A group is a list you fill by hand: create one, then add contacts to it from the Contacts page (select them, then “Add to group…”).</source>
            <translation>Aucun groupe pour l'instant. Un groupe est une liste que vous remplissez à la main : créez-en un, puis ajoutez-y des contacts depuis la page Contacts (sélectionnez-les, puis « Ajouter à un groupe… »).</translation>
        </message>
        <message numerus="yes">
            <source>%n member(s)</source>
            <translation>
                <numerusform>%n membre</numerusform>
                <numerusform>%n membres</numerusform>
            </translation>
        </message>
        <message>
            <source>Nobody in this group matches the search.</source>
            <translation>Personne dans ce groupe ne correspond à la recherche.</translation>
        </message>
        <message>
            <source>This group is empty. On the Contacts page, select people, then “Add to group…”.</source>
            <translation>Ce groupe est vide. Sur la page Contacts, sélectionnez des personnes, puis « Ajouter à un groupe… ».</translation>
        </message>
        <message>
            <source>New group</source>
            <translation>Nouveau groupe</translation>
        </message>
        <message>
            <source>Name of the group:</source>
            <translation>Nom du groupe :</translation>
        </message>
        <message>
            <source>Rename the group</source>
            <translation>Renommer le groupe</translation>
        </message>
        <message>
            <source>New name:</source>
            <translation>Nouveau nom :</translation>
        </message>
        <message>
            <source>The group could not be renamed.</source>
            <translation>Le groupe n'a pas pu être renommé.</translation>
        </message>
        <message numerus="yes">
            <source>Delete the group “%1” (%n member(s))? The contacts themselves stay.</source>
            <translation>
                <numerusform>Supprimer le groupe « %1 » (%n membre) ? Les contacts eux-mêmes restent.</numerusform>
                <numerusform>Supprimer le groupe « %1 » (%n membres) ? Les contacts eux-mêmes restent.</numerusform>
            </translation>
        </message>
        <message>
            <source>Group “%1” deleted.</source>
            <translation>Groupe « %1 » supprimé.</translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) removed from the group.</source>
            <translation>
                <numerusform>%n contact retiré du groupe.</numerusform>
                <numerusform>%n contacts retirés du groupe.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) planned.</source>
            <translation>
                <numerusform>%n tâche planifiée.</numerusform>
                <numerusform>%n tâches planifiées.</numerusform>
            </translation>
        </message>
        <message>
            <source>Plan tasks</source>
            <translation>Planifier des tâches</translation>
        </message>
    </context>
    <context>
        <name>HistoryView</name>
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
            <source>Notes</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>Looked after by</source>
            <translation>Responsable</translation>
        </message>
        <message>
            <source>Private</source>
            <translation>Privée</translation>
        </message>
        <message>
            <source>Trash</source>
            <translation>Corbeille</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
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
            <source>Roles</source>
            <translation>Rôles</translation>
        </message>
        <message>
            <source>Organisations</source>
            <translation>Organisations</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Étiquettes</translation>
        </message>
        <message>
            <source>Change</source>
            <extracomment>Revert this change (its tx); the editor does it (it owns the record's version).</extracomment>
            <translation>Modification</translation>
        </message>
        <message>
            <source>Before</source>
            <translation>Avant</translation>
        </message>
        <message>
            <source>After</source>
            <translation>Après</translation>
        </message>
        <message>
            <source>History of this record</source>
            <translation>Historique de cette fiche</translation>
        </message>
        <message>
            <source>No change recorded yet.</source>
            <translation>Aucune modification enregistrée pour l'instant.</translation>
        </message>
        <message>
            <source>Revert this change…</source>
            <translation>Revenir sur cette modification…</translation>
        </message>
        <message>
            <source>Put back the values this change replaced (a new, recorded change)</source>
            <translation>Remettre les valeurs que cette modification a remplacées (une nouvelle modification, enregistrée)</translation>
        </message>
        <message>
            <source>Only an administrator can revert a change.</source>
            <translation>Seul un administrateur peut revenir sur une modification.</translation>
        </message>
        <message>
            <source>%1 — created by %2</source>
            <translation>%1 — créée par %2</translation>
        </message>
        <message>
            <source>%1 — deleted for good by %2</source>
            <translation>%1 — supprimée définitivement par %2</translation>
        </message>
        <message>
            <source>%1 — %2 reverted an earlier change</source>
            <translation>%1 — %2 est revenu sur une modification antérieure</translation>
        </message>
        <message>
            <source>%1 — %2 merged two duplicate records</source>
            <translation>%1 — %2 a fusionné deux fiches en double</translation>
        </message>
        <message>
            <source>%1 — %2 undid a merge of duplicates</source>
            <translation>%1 — %2 a annulé une fusion de doublons</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>In the trash</source>
            <translation>Dans la corbeille</translation>
        </message>
        <message>
            <source>In the contacts</source>
            <translation>Dans les contacts</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Oui</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Non</translation>
        </message>
        <message>
            <source>(a record you cannot see)</source>
            <translation>(une fiche que vous ne pouvez pas voir)</translation>
        </message>
    </context>
    <context>
        <name>IcsReportDialog</name>
        <message>
            <source>Calendar import</source>
            <translation>Import de calendrier</translation>
        </message>
        <message numerus="yes">
            <source>%n appointment(s) created</source>
            <translation>
                <numerusform>%n rendez-vous créé</numerusform>
                <numerusform>%n rendez-vous créés</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n updated</source>
            <translation>
                <numerusform>%n mis à jour</numerusform>
                <numerusform>%n mis à jour</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n skipped</source>
            <translation>
                <numerusform>%n ignoré</numerusform>
                <numerusform>%n ignorés</numerusform>
            </translation>
        </message>
        <message>
            <source>Event</source>
            <translation>Événement</translation>
        </message>
        <message>
            <source>What happened</source>
            <translation>Ce qui a été fait</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>Pourquoi</translation>
        </message>
        <message>
            <source>Skipped</source>
            <translation>Ignorés</translation>
        </message>
        <message>
            <source>Imported with a change</source>
            <translation>Importé avec une modification</translation>
        </message>
        <message>
            <source>Every event was imported as it was.</source>
            <translation>Tous les événements ont été importés tels quels.</translation>
        </message>
        <message>
            <source>(whole file)</source>
            <translation>(tout le fichier)</translation>
        </message>
        <message>
            <source>The file is not an iCalendar file, or nothing in it could be read.</source>
            <translation>Ce n'est pas un fichier iCalendar, ou rien n'a pu y être lu.</translation>
        </message>
        <message>
            <source>This event could not be read (malformed lines).</source>
            <translation>Cet événement est illisible (lignes mal formées).</translation>
        </message>
        <message>
            <source>Some lines of this event could not be read and were left out.</source>
            <translation>Certaines lignes de cet événement étaient illisibles et ont été laissées de côté.</translation>
        </message>
        <message>
            <source>The event has no readable start date.</source>
            <translation>L'événement n'a pas de date de début lisible.</translation>
        </message>
        <message>
            <source>Unknown time zone “%1”: the times were read as UTC.</source>
            <translation>Fuseau horaire inconnu « %1 » : les heures ont été lues en UTC.</translation>
        </message>
        <message>
            <source>It repeats more often than daily: only the first one was imported.</source>
            <translation>Il se répète plus d'une fois par jour : seule la première occurrence a été importée.</translation>
        </message>
        <message>
            <source>It repeats too many times: only the first one was imported.</source>
            <translation>Il se répète trop de fois : seule la première occurrence a été importée.</translation>
        </message>
        <message>
            <source>It repeats too often: only the first one was imported.</source>
            <translation>Il se répète trop souvent : seule la première occurrence a été importée.</translation>
        </message>
        <message>
            <source>Its repetition rule could not be read: only the first one was imported.</source>
            <translation>Sa règle de répétition est illisible : seule la première occurrence a été importée.</translation>
        </message>
        <message>
            <source>A changed occurrence of a series that is not in the file.</source>
            <translation>Une occurrence modifiée d'une série absente du fichier.</translation>
        </message>
        <message>
            <source>The file has too many events: %1 were left out.</source>
            <translation>Le fichier contient trop d'événements : %1 ont été laissés de côté.</translation>
        </message>
        <message>
            <source>The import was stopped: %1 events were not imported.</source>
            <translation>L'import a été arrêté : %1 événements n'ont pas été importés.</translation>
        </message>
    </context>
    <context>
        <name>ImportHistoryDialog</name>
        <message>
            <source>Import history</source>
            <translation>Historique des imports</translation>
        </message>
        <message>
            <source>Undo this import</source>
            <translation>Défaire cet import</translation>
        </message>
    </context>
    <context>
        <name>ImportWizard</name>
        <message>
            <source>Import</source>
            <translation>Importer</translation>
        </message>
        <message>
            <source>Save the rows in error</source>
            <translation>Enregistrer les lignes en erreur</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>Fichiers CSV (*.csv)</translation>
        </message>
    </context>
    <context>
        <name>InvitationTableModel</name>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Dues on the day</source>
            <translation>Cotisation au jour J</translation>
        </message>
        <message>
            <source>Membership</source>
            <translation>Adhésion</translation>
        </message>
        <message>
            <source>Answer</source>
            <translation>Réponse</translation>
        </message>
        <message>
            <source>Represented by</source>
            <translation>Représenté(e) par</translation>
        </message>
        <message>
            <source>Proxies held</source>
            <translation>Pouvoirs détenus</translation>
        </message>
        <message>
            <source>Convocation</source>
            <translation>Convocation</translation>
        </message>
    </context>
    <context>
        <name>InviteDialog</name>
        <message>
            <source>Invite members</source>
            <translation>Inviter des membres</translation>
        </message>
        <message>
            <source>Those already invited keep their answer.</source>
            <translation>Les personnes déjà invitées gardent leur réponse.</translation>
        </message>
        <message>
            <source>Invite</source>
            <translation>Inviter</translation>
        </message>
        <message>
            <source>Invite a person</source>
            <translation>Inviter une personne</translation>
        </message>
        <message>
            <source>Each person has their own login to the shared database. A collaborator record is created for them, and what they may do follows their role.</source>
            <translation>Chaque personne a son propre identifiant sur la base partagée. Une fiche de collaborateur est créée pour elle, et ce qu'elle peut faire dépend de son rôle.</translation>
        </message>
        <message>
            <source>lower case letters, digits, . _ -</source>
            <translation>minuscules, chiffres, . _ -</translation>
        </message>
        <message>
            <source>First name</source>
            <translation>Prénom</translation>
        </message>
        <message>
            <source>Last name *</source>
            <translation>Nom *</translation>
        </message>
        <message>
            <source>Login *</source>
            <translation>Identifiant *</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Rôle</translation>
        </message>
        <message>
            <source>Generate a password (shown once)</source>
            <translation>Générer un mot de passe (affiché une seule fois)</translation>
        </message>
        <message>
            <source>Choose the password</source>
            <translation>Choisir le mot de passe</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Mot de passe</translation>
        </message>
    </context>
    <context>
        <name>JournalPage</name>
        <message>
            <source>Journal</source>
            <extracomment>Period choices: "past" (up to now), N days back, "future" (what is planned), "all".</extracomment>
            <translation>Journal</translation>
        </message>
        <message>
            <source>New activity…</source>
            <translation>Nouvelle action…</translation>
        </message>
        <message>
            <source>Read the mailbox</source>
            <translation>Lire la boîte aux lettres</translation>
        </message>
        <message>
            <source>Log the newest messages of the workspace's mailbox (IMAP)</source>
            <translation>Enregistrer les derniers messages de la boîte aux lettres de l'espace (IMAP)</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>All types</source>
            <translation>Tous les types</translation>
        </message>
        <message>
            <source>Calls</source>
            <translation>Appels</translation>
        </message>
        <message>
            <source>E-mails</source>
            <translation>E-mails</translation>
        </message>
        <message>
            <source>Collaborator</source>
            <translation>Collaborateur</translation>
        </message>
        <message>
            <source>All collaborators</source>
            <translation>Tous les collaborateurs</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>Période</translation>
        </message>
        <message>
            <source>Up to now</source>
            <translation>Jusqu'à maintenant</translation>
        </message>
        <message>
            <source>Last 24 hours</source>
            <translation>Dernières 24 heures</translation>
        </message>
        <message>
            <source>Last 7 days</source>
            <translation>7 derniers jours</translation>
        </message>
        <message>
            <source>Last 30 days</source>
            <translation>30 derniers jours</translation>
        </message>
        <message>
            <source>Last 12 months</source>
            <translation>12 derniers mois</translation>
        </message>
        <message>
            <source>Planned (to come)</source>
            <translation>Prévues (à venir)</translation>
        </message>
        <message>
            <source>Any time</source>
            <translation>Toutes les dates</translation>
        </message>
        <message>
            <source>Drop .eml files here to log received e-mails</source>
            <translation>Déposez ici des fichiers .eml pour enregistrer des e-mails reçus</translation>
        </message>
        <message numerus="yes">
            <source>%n activity(ies)</source>
            <translation>
                <numerusform>%n action</numerusform>
                <numerusform>%n actions</numerusform>
            </translation>
        </message>
        <message>
            <source>“%1” moved to the trash.</source>
            <translation>« %1 » mise à la corbeille.</translation>
        </message>
        <message>
            <source>The mailbox could not be read</source>
            <translation>La boîte aux lettres n'a pas pu être lue</translation>
        </message>
    </context>
    <context>
        <name>KanbanColumn</name>
        <message numerus="yes">
            <source>%n deal(s) — %1 (weighted %2)</source>
            <extracomment>MIME type of a dragged card: the deal's id. (deal id, stage id, id of the card it was dropped below or None for the top)</extracomment>
            <translation>
                <numerusform>%n affaire — %1 (pondéré %2)</numerusform>
                <numerusform>%n affaires — %1 (pondéré %2)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Show more (%n left)</source>
            <translation>
                <numerusform>Afficher plus (%n restante)</numerusform>
                <numerusform>Afficher plus (%n restantes)</numerusform>
            </translation>
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
        <message>
            <source>A private record needs someone to look after it.</source>
            <translation>Une fiche privée doit avoir un responsable.</translation>
        </message>
        <message>
            <source>Administrator</source>
            <translation>Administrateur</translation>
        </message>
        <message>
            <source>Reader</source>
            <translation>Lecteur</translation>
        </message>
        <message>
            <source>Owner of the database</source>
            <translation>Propriétaire de la base</translation>
        </message>
        <message>
            <source>All records</source>
            <translation>Toutes les fiches</translation>
        </message>
        <message>
            <source>Only the records they look after</source>
            <translation>Seulement les fiches dont ils sont responsables</translation>
        </message>
        <message>
            <source>Their team's records</source>
            <translation>Les fiches de leur équipe</translation>
        </message>
        <message>
            <source>Your role does not allow this.</source>
            <translation>Votre rôle ne le permet pas.</translation>
        </message>
        <message>
            <source>“%1” is not a valid login: use lower case letters, digits, dots, dashes or underscores.</source>
            <translation>« %1 » n'est pas un identifiant valide : utilisez des minuscules, des chiffres, des points, des tirets ou des soulignés.</translation>
        </message>
        <message>
            <source>The login “%1” already exists on this server.</source>
            <translation>L'identifiant « %1 » existe déjà sur ce serveur.</translation>
        </message>
        <message>
            <source>Give the person's last name.</source>
            <translation>Indiquez le nom de la personne.</translation>
        </message>
        <message>
            <source>A chosen password needs at least 8 characters.</source>
            <translation>Un mot de passe choisi doit compter au moins 8 caractères.</translation>
        </message>
        <message>
            <source>The password is empty.</source>
            <translation>Le mot de passe est vide.</translation>
        </message>
        <message>
            <source>This database is not set up for a team.</source>
            <translation>Cette base n'est pas configurée pour une équipe.</translation>
        </message>
        <message>
            <source>The team must keep at least one administrator who can log in.</source>
            <translation>L'équipe doit garder au moins un administrateur qui peut se connecter.</translation>
        </message>
        <message>
            <source>You cannot disable your own login.</source>
            <translation>Vous ne pouvez pas désactiver votre propre identifiant.</translation>
        </message>
        <message>
            <source>Only an administrator can do this.</source>
            <translation>Seul un administrateur peut le faire.</translation>
        </message>
        <message>
            <source>There is no such login in this database.</source>
            <translation>Cet identifiant n'existe pas dans cette base.</translation>
        </message>
        <message>
            <source>Another EkoCRM team database on this server already uses these role names: %1.</source>
            <translation>Une autre base d'équipe EkoCRM de ce serveur utilise déjà ces noms de rôles : %1.</translation>
        </message>
        <message>
            <source>The database “%1” already holds tables: a new shared database must start empty.</source>
            <translation>La base « %1 » contient déjà des tables : une nouvelle base partagée doit être vide au départ.</translation>
        </message>
        <message>
            <source>The server refused: %1</source>
            <translation>Le serveur a refusé : %1</translation>
        </message>
        <message>
            <source>The server's certificate was not accepted: the server name must be the one its certificate names, and the CA file must be your office's certificate authority (sslmode verify-full).</source>
            <translation>Le certificat du serveur n'a pas été accepté : le nom du serveur doit être celui de son certificat, et le fichier d'autorité (CA) celui de votre structure (sslmode verify-full).</translation>
        </message>
        <message>
            <source>The login or the password is wrong.</source>
            <translation>L'identifiant ou le mot de passe est incorrect.</translation>
        </message>
        <message>
            <source>This login was disabled by an administrator.</source>
            <translation>Cet identifiant a été désactivé par un administrateur.</translation>
        </message>
    </context>
    <context>
        <name>LedgerTableModel</name>
        <message>
            <source>Step</source>
            <translation>Étape</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Adresse</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Raison</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>Envoyé le</translation>
        </message>
        <message>
            <source>Response</source>
            <translation>Réponse</translation>
        </message>
    </context>
    <context>
        <name>LogoPicker</name>
        <message>
            <source>Logo preview</source>
            <extracomment>The stored logo changed (its bytes, b"" when removed). Replaced by tests (no file dialog offscreen): returns the chosen path or "".</extracomment>
            <translation>Aperçu du logo</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>Choisir…</translation>
        </message>
        <message>
            <source>A PNG or JPEG image of at most 2 MB</source>
            <translation>Une image PNG ou JPEG de 2 Mo au plus</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Retirer</translation>
        </message>
        <message>
            <source>No logo</source>
            <translation>Pas de logo</translation>
        </message>
        <message>
            <source>Choose the logo</source>
            <translation>Choisir le logo</translation>
        </message>
        <message>
            <source>Images (*.png *.jpg *.jpeg)</source>
            <translation>Images (*.png *.jpg *.jpeg)</translation>
        </message>
        <message>
            <source>You may not change the logo: %1</source>
            <translation>Vous n’avez pas le droit de changer le logo : %1</translation>
        </message>
        <message>
            <source>“%1” cannot be read.</source>
            <translation>« %1 » ne peut pas être lu.</translation>
        </message>
        <message>
            <source>“%1” is not a PNG or JPEG image: the logo was not changed.</source>
            <translation>« %1 » n’est pas une image PNG ou JPEG : le logo n’a pas été changé.</translation>
        </message>
        <message>
            <source>“%1” is larger than 2 MB: choose a smaller image.</source>
            <translation>« %1 » dépasse 2 Mo : choisissez une image plus légère.</translation>
        </message>
    </context>
    <context>
        <name>LostReasonDialog</name>
        <message>
            <source>Deal lost</source>
            <translation>Affaire perdue</translation>
        </message>
        <message>
            <source>Why was “%1” lost?</source>
            <translation>Pourquoi « %1 » a-t-elle été perdue ?</translation>
        </message>
        <message>
            <source>Reason lost</source>
            <translation>Motif de perte</translation>
        </message>
        <message>
            <source>Give a reason.</source>
            <translation>Indiquez un motif.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Pages</source>
            <extracomment>The language changed: the app rebuilds the window (editors stay open). A workspace was opened (or failed to open: None). The pages built so far, by key (see `_build_page`).</extracomment>
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
            <source>Find duplicates…</source>
            <translation>Chercher les doublons…</translation>
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
            <source>Change my password…</source>
            <translation>Changer mon mot de passe…</translation>
        </message>
        <message>
            <source>Settings…</source>
            <translation>Paramètres…</translation>
        </message>
        <message>
            <source>E-mail and SMS accounts…</source>
            <translation>Comptes e-mail et SMS…</translation>
        </message>
        <message>
            <source>Import…</source>
            <translation>Importer…</translation>
        </message>
        <message>
            <source>Import history…</source>
            <translation>Historique des imports…</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>Exporter…</translation>
        </message>
        <message>
            <source>Receive a business card…</source>
            <translation>Recevoir une carte de visite…</translation>
        </message>
        <message>
            <source>Copy or move to a workspace…</source>
            <translation>Copier ou déplacer vers un espace…</translation>
        </message>
        <message>
            <source>Retention of personal data…</source>
            <translation>Durée de conservation des données…</translation>
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
            <source>Dashboard</source>
            <translation>Tableau de bord</translation>
        </message>
        <message>
            <source>Reports</source>
            <translation>Rapports</translation>
        </message>
        <message>
            <source>Tasks</source>
            <translation>Tâches</translation>
        </message>
        <message>
            <source>Agenda</source>
            <translation>Agenda</translation>
        </message>
        <message>
            <source>Journal</source>
            <translation>Journal</translation>
        </message>
        <message>
            <source>Conversations</source>
            <translation>Conversations</translation>
        </message>
        <message>
            <source>Outbox</source>
            <translation>Boîte d'envoi</translation>
        </message>
        <message>
            <source>Teams</source>
            <translation>Équipes</translation>
        </message>
        <message>
            <source>Deals</source>
            <translation>Affaires</translation>
        </message>
        <message>
            <source>Articles</source>
            <translation>Articles</translation>
        </message>
        <message>
            <source>Duplicates</source>
            <translation>Doublons</translation>
        </message>
        <message>
            <source>Groups</source>
            <translation>Groupes</translation>
        </message>
        <message>
            <source>Segments</source>
            <translation>Segments</translation>
        </message>
        <message>
            <source>Campaigns</source>
            <translation>Campagnes</translation>
        </message>
        <message>
            <source>Follow-ups</source>
            <translation>Relances</translation>
        </message>
        <message>
            <source>Membership</source>
            <translation>Adhésions</translation>
        </message>
        <message>
            <source>Assemblies</source>
            <translation>Assemblées</translation>
        </message>
        <message>
            <source>News</source>
            <translation>Actualités</translation>
        </message>
        <message>
            <source>Settings lists</source>
            <translation>Paramétrages</translation>
        </message>
        <message>
            <source>Trash</source>
            <translation>Corbeille</translation>
        </message>
        <message>
            <source>Users and rights</source>
            <translation>Utilisateurs et droits</translation>
        </message>
        <message>
            <source>Actions</source>
            <translation>Actions</translation>
        </message>
        <message>
            <source>Domains</source>
            <translation>Domaines</translation>
        </message>
        <message>
            <source>Targets</source>
            <translation>Cibles</translation>
        </message>
        <message>
            <source>Association</source>
            <translation>Association</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Paramètres</translation>
        </message>
        <message>
            <source>Server unreachable — reconnecting… (%1)</source>
            <translation>Serveur injoignable — reconnexion… (%1)</translation>
        </message>
        <message>
            <source>Open forms keep what you typed; saves are made once the server answers again.</source>
            <translation>Les fiches ouvertes gardent ce que vous avez saisi ; les enregistrements se feront dès que le serveur répondra.</translation>
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
            <source>Your password was changed.</source>
            <translation>Votre mot de passe a été changé.</translation>
        </message>
        <message>
            <source>EkoCRM Desktop %1
A CRM for small offices and associations.</source>
            <translation>EkoCRM Desktop %1
Un CRM pour les petits bureaux et les associations.</translation>
        </message>
    </context>
    <context>
        <name>MappingPage</name>
        <message>
            <source>Match the columns with contact fields</source>
            <translation>Associer les colonnes aux champs des contacts</translation>
        </message>
        <message>
            <source>Suggested from the column names; double-click a field to change it. Unmapped columns are ignored.</source>
            <translation>Proposé d'après les noms des colonnes ; double-cliquez sur un champ pour le changer. Les colonnes non associées sont ignorées.</translation>
        </message>
        <message>
            <source>Load a mapping…</source>
            <translation>Charger une correspondance…</translation>
        </message>
        <message>
            <source>Save this mapping…</source>
            <translation>Enregistrer cette correspondance…</translation>
        </message>
        <message numerus="yes">
            <source>%n column(s) imported</source>
            <translation>
                <numerusform>%n colonne importée</numerusform>
                <numerusform>%n colonnes importées</numerusform>
            </translation>
        </message>
        <message>
            <source>Load a mapping</source>
            <translation>Charger une correspondance</translation>
        </message>
        <message>
            <source>Mappings (*.json)</source>
            <translation>Correspondances (*.json)</translation>
        </message>
        <message>
            <source>This mapping cannot be read.</source>
            <translation>Cette correspondance ne peut pas être lue.</translation>
        </message>
        <message>
            <source>Save this mapping</source>
            <translation>Enregistrer cette correspondance</translation>
        </message>
    </context>
    <context>
        <name>MappingTableModel</name>
        <message>
            <source>Column of the file</source>
            <extracomment>The fields a column may go to (those of contacts, members or articles).</extracomment>
            <translation>Colonne du fichier</translation>
        </message>
        <message>
            <source>First value</source>
            <translation>Première valeur</translation>
        </message>
        <message>
            <source>Imported as</source>
            <translation>Importée comme</translation>
        </message>
    </context>
    <context>
        <name>MemberTableModel</name>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Dues</source>
            <translation>Cotisation</translation>
        </message>
        <message>
            <source>Paid until</source>
            <translation>Payée jusqu'au</translation>
        </message>
        <message>
            <source>Membership</source>
            <translation>Adhésion</translation>
        </message>
        <message>
            <source>Last payment</source>
            <translation>Dernier paiement</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Montant</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <source>City</source>
            <translation>Ville</translation>
        </message>
    </context>
    <context>
        <name>MembershipPage</name>
        <message>
            <source>Membership</source>
            <translation>Adhésions</translation>
        </message>
        <message>
            <source>Record a subscription…</source>
            <translation>Enregistrer une cotisation…</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>Membres</translation>
        </message>
        <message>
            <source>Reminders</source>
            <translation>Relances</translation>
        </message>
        <message>
            <source>Membership types</source>
            <translation>Types d'adhésion</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Paramètres</translation>
        </message>
        <message>
            <source>Search a member (Ctrl+F)</source>
            <translation>Chercher un membre (Ctrl+F)</translation>
        </message>
        <message>
            <source>Search members</source>
            <translation>Chercher des membres</translation>
        </message>
        <message>
            <source>Dues status</source>
            <translation>État de la cotisation</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>Tous les états</translation>
        </message>
        <message>
            <source>Membership type</source>
            <translation>Type d'adhésion</translation>
        </message>
        <message>
            <source>Receipts</source>
            <translation>Reçus</translation>
        </message>
        <message>
            <source>Receipts of the selected members' last payment (PDF)</source>
            <translation>Reçus du dernier paiement des membres sélectionnés (PDF)</translation>
        </message>
        <message>
            <source>Member cards</source>
            <translation>Cartes de membre</translation>
        </message>
        <message>
            <source>Cards of the selected members who are paid up (PDF)</source>
            <translation>Cartes des membres sélectionnés à jour de cotisation (PDF)</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>The renewal sequence: each step goes once to the members whose paid period ends or has ended, never to those who renewed or resigned. Every reminder sent or printed is written in the log, so nobody gets the same one twice.</source>
            <translation>La séquence de renouvellement : chaque étape part une fois vers les membres dont la période payée se termine ou s'est terminée, jamais vers ceux qui ont renouvelé ou démissionné. Chaque relance envoyée ou imprimée est inscrite au journal : personne ne reçoit deux fois la même.</translation>
        </message>
        <message>
            <source>When</source>
            <translation>Quand</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>Canal</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Actif</translation>
        </message>
        <message>
            <source>Add…</source>
            <translation>Ajouter…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>Modifier…</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Print the letters (PDF)…</source>
            <translation>Imprimer les lettres (PDF)…</translation>
        </message>
        <message>
            <source>Send the e-mails</source>
            <translation>Envoyer les e-mails</translation>
        </message>
        <message>
            <source>Member</source>
            <translation>Membre</translation>
        </message>
        <message>
            <source>Reminder</source>
            <translation>Relance</translation>
        </message>
        <message>
            <source>Paid until</source>
            <translation>Payée jusqu'au</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>État</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <source>Reminders sent or printed</source>
            <translation>Relances envoyées ou imprimées</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Period ending</source>
            <translation>Fin de période</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Résultat</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>Fee</source>
            <translation>Cotisation</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>Durée</translation>
        </message>
        <message>
            <source>Offered</source>
            <translation>Proposé</translation>
        </message>
        <message>
            <source> days</source>
            <translation> jours</translation>
        </message>
        <message>
            <source>“Due soon” when the membership ends within</source>
            <translation>« Échéance proche » quand l'adhésion se termine dans</translation>
        </message>
        <message>
            <source>The last reminder stays due for</source>
            <translation>La dernière relance reste à faire pendant</translation>
        </message>
        <message>
            <source>Default quorum of assemblies</source>
            <translation>Quorum des assemblées par défaut</translation>
        </message>
        <message>
            <source>Most proxies per member present</source>
            <translation>Pouvoirs au plus par membre présent</translation>
        </message>
        <message>
            <source>Association</source>
            <translation>Association</translation>
        </message>
        <message>
            <source>Logo saved: it prints on report covers.</source>
            <translation>Logo enregistré : il figure en tête des rapports.</translation>
        </message>
        <message>
            <source>Logo removed.</source>
            <translation>Logo retiré.</translation>
        </message>
        <message>
            <source>Logo on report covers</source>
            <translation>Logo en tête des rapports</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>Adresse</translation>
        </message>
        <message>
            <source>City (for “Lyon, 3 March 2026”)</source>
            <translation>Ville (pour « Lyon, le 3 mars 2026 »)</translation>
        </message>
        <message>
            <source>Signed by</source>
            <translation>Signataire</translation>
        </message>
        <message>
            <source>Save the settings</source>
            <translation>Enregistrer les réglages</translation>
        </message>
        <message>
            <source>No member matches the search and filters.</source>
            <translation>Aucun membre ne correspond à la recherche et aux filtres.</translation>
        </message>
        <message>
            <source>No member yet. Give someone the member role in the contact editor, or record a subscription: the person becomes a member.</source>
            <translation>Aucun membre pour l'instant. Donnez le rôle de membre à quelqu'un dans la fiche contact, ou enregistrez une cotisation : la personne devient membre.</translation>
        </message>
        <message>
            <source>No membership type</source>
            <translation>Aucun type d'adhésion</translation>
        </message>
        <message>
            <source>Create a membership type first (Membership types tab): its fee and duration are needed.</source>
            <translation>Créez d'abord un type d'adhésion (onglet Types d'adhésion) : son montant et sa durée sont nécessaires.</translation>
        </message>
        <message>
            <source>None of the selected members has paid a subscription.</source>
            <translation>Aucun des membres sélectionnés n'a payé de cotisation.</translation>
        </message>
        <message>
            <source>Save the receipts</source>
            <translation>Enregistrer les reçus</translation>
        </message>
        <message>
            <source>None of the selected members is up to date with dues.</source>
            <translation>Aucun des membres sélectionnés n'est à jour de cotisation.</translation>
        </message>
        <message>
            <source>Save the member cards</source>
            <translation>Enregistrer les cartes de membre</translation>
        </message>
        <message>
            <source>{civility} {last_name},

Your membership “{type}” of {organisation} ends on {paid_until}. To keep supporting us, please renew your subscription ({fee}).

If you have paid meanwhile, please ignore this message.

Kind regards,</source>
            <translation>{civility} {last_name},

Votre adhésion « {type} » aux {organisation} prend fin le {paid_until}. Pour continuer à nous soutenir, merci de renouveler votre cotisation ({fee}).

Si vous l'avez réglée entre-temps, merci de ne pas tenir compte de ce message.

Bien cordialement,</translation>
        </message>
        <message>
            <source>{civility} {last_name},

Your membership “{type}” of {organisation} ended on {paid_until} and we have not received your subscription ({fee}) yet. We would be glad to count you among us again.

Kind regards,</source>
            <translation>{civility} {last_name},

Votre adhésion « {type} » aux {organisation} a pris fin le {paid_until} et nous n'avons pas encore reçu votre cotisation ({fee}). Nous serions heureux de vous compter encore parmi nous.

Bien cordialement,</translation>
        </message>
        <message>
            <source>One month before</source>
            <translation>Un mois avant</translation>
        </message>
        <message>
            <source>Your membership ends on {paid_until}</source>
            <translation>Votre adhésion prend fin le {paid_until}</translation>
        </message>
        <message>
            <source>On the day</source>
            <translation>Le jour même</translation>
        </message>
        <message>
            <source>Your membership ends today</source>
            <translation>Votre adhésion prend fin aujourd'hui</translation>
        </message>
        <message>
            <source>Fifteen days after</source>
            <translation>Quinze jours après</translation>
        </message>
        <message>
            <source>Renewing your membership</source>
            <translation>Renouvellement de votre adhésion</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Oui</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Non</translation>
        </message>
        <message>
            <source>Looking for the reminders due today…</source>
            <translation>Recherche des relances à faire aujourd'hui…</translation>
        </message>
        <message numerus="yes">
            <source>%n reminder(s) due today</source>
            <translation>
                <numerusform>%n relance à faire aujourd'hui</numerusform>
                <numerusform>%n relances à faire aujourd'hui</numerusform>
            </translation>
        </message>
        <message>
            <source>Set up the workspace's mail account first (File › E-mail and SMS accounts).</source>
            <translation>Configurez d'abord le compte de messagerie de l'espace (Fichier › Comptes e-mail et SMS).</translation>
        </message>
        <message>
            <source>Reminders by e-mail: %1 sent, %2 failed.</source>
            <translation>Relances par e-mail : %1 envoyées, %2 en échec.</translation>
        </message>
        <message numerus="yes">
            <source>%n letter(s) written in the reminders log.</source>
            <translation>
                <numerusform>%n lettre inscrite au journal des relances.</numerusform>
                <numerusform>%n lettres inscrites au journal des relances.</numerusform>
            </translation>
        </message>
        <message>
            <source>Save the reminder letters</source>
            <translation>Enregistrer les lettres de relance</translation>
        </message>
        <message>
            <source>Delete the reminder?</source>
            <translation>Supprimer la relance ?</translation>
        </message>
        <message>
            <source>Delete the reminder “%1”?</source>
            <translation>Supprimer la relance « %1 » ?</translation>
        </message>
        <message>
            <source>All memberships</source>
            <translation>Toutes les adhésions</translation>
        </message>
        <message>
            <source>Delete the membership type?</source>
            <translation>Supprimer le type d'adhésion ?</translation>
        </message>
        <message>
            <source>Delete “%1”? If subscriptions use it, it is only no longer offered.</source>
            <translation>Supprimer « %1 » ? Si des cotisations l'utilisent, il n'est simplement plus proposé.</translation>
        </message>
        <message>
            <source>Membership settings saved.</source>
            <translation>Réglages des adhésions enregistrés.</translation>
        </message>
    </context>
    <context>
        <name>MembershipPanel</name>
        <message>
            <source>Record a subscription…</source>
            <translation>Enregistrer une cotisation…</translation>
        </message>
        <message>
            <source>Member card</source>
            <translation>Carte de membre</translation>
        </message>
        <message>
            <source>Member card (PDF)</source>
            <translation>Carte de membre (PDF)</translation>
        </message>
        <message>
            <source>Resign…</source>
            <translation>Démission…</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>Période</translation>
        </message>
        <message>
            <source>Membership</source>
            <translation>Adhésion</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Montant</translation>
        </message>
        <message>
            <source>Paid on</source>
            <translation>Payée le</translation>
        </message>
        <message>
            <source>Method</source>
            <translation>Mode</translation>
        </message>
        <message>
            <source>Receipt</source>
            <translation>Reçu</translation>
        </message>
        <message>
            <source>Subscriptions</source>
            <translation>Cotisations</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>Modifier…</translation>
        </message>
        <message>
            <source>Membership receipt (PDF)</source>
            <translation>Reçu de cotisation (PDF)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler la cotisation</translation>
        </message>
        <message>
            <source>Cancel this subscription (its receipt number stays used)</source>
            <translation>Annuler cette cotisation (son numéro de reçu reste utilisé)</translation>
        </message>
        <message>
            <source>No member selected</source>
            <translation>Aucun membre sélectionné</translation>
        </message>
        <message>
            <source>Select a member to see their dues and subscriptions.</source>
            <translation>Sélectionnez un membre pour voir sa cotisation et son historique.</translation>
        </message>
        <message>
            <source>Paid until %1</source>
            <translation>Payée jusqu'au %1</translation>
        </message>
        <message>
            <source>member since %1</source>
            <translation>membre depuis le %1</translation>
        </message>
        <message>
            <source>until %1</source>
            <translation>jusqu'au %1</translation>
        </message>
        <message>
            <source>awaiting payment</source>
            <translation>en attente de paiement</translation>
        </message>
        <message>
            <source>Subscription recorded, receipt %1.</source>
            <translation>Cotisation enregistrée, reçu %1.</translation>
        </message>
        <message>
            <source>Subscription recorded, awaiting payment.</source>
            <translation>Cotisation enregistrée, en attente de paiement.</translation>
        </message>
        <message>
            <source>Subscription %1 cancelled.</source>
            <translation>Cotisation %1 annulée.</translation>
        </message>
        <message>
            <source>%1 has resigned.</source>
            <translation>%1 a démissionné.</translation>
        </message>
        <message>
            <source>Save the receipt</source>
            <translation>Enregistrer le reçu</translation>
        </message>
        <message>
            <source>Save the member card</source>
            <translation>Enregistrer la carte de membre</translation>
        </message>
    </context>
    <context>
        <name>MembershipTypeDialog</name>
        <message>
            <source>Membership type</source>
            <translation>Type d'adhésion</translation>
        </message>
        <message>
            <source>Name *</source>
            <translation>Nom *</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>Fee</source>
            <translation>Cotisation</translation>
        </message>
        <message>
            <source>Calendar year (1 January to 31 December)</source>
            <translation>Année civile (du 1er janvier au 31 décembre)</translation>
        </message>
        <message>
            <source>12 months from the payment</source>
            <translation>12 mois à partir du paiement</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>Durée</translation>
        </message>
        <message>
            <source>Send renewal reminders</source>
            <translation>Envoyer les relances de renouvellement</translation>
        </message>
        <message>
            <source>Offered to new members</source>
            <translation>Proposé aux nouveaux membres</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Description</translation>
        </message>
    </context>
    <context>
        <name>MergeDialog</name>
        <message>
            <source>Merge two records</source>
            <extracomment>Lists that are combined (never chosen): both sides' entries are kept, each once.</extracomment>
            <translation>Fusionner deux fiches</translation>
        </message>
        <message>
            <source>Record kept:</source>
            <extracomment>The merge running in the background, if any (`merge`).</extracomment>
            <translation>Fiche conservée :</translation>
        </message>
        <message>
            <source>Combined: both records' entries, each kept once</source>
            <translation>Regroupés : les éléments des deux fiches, chacun gardé une fois</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Merge</source>
            <translation>Fusionner</translation>
        </message>
        <message>
            <source>“%1” is kept and takes the values chosen below; “%2” goes to the trash. Everything linked to it moves to the record kept. You can undo the merge afterwards.</source>
            <translation>« %1 » est conservée et prend les valeurs choisies ci-dessous ; « %2 » va à la corbeille. Tout ce qui lui est rattaché passe sur la fiche conservée. Vous pourrez annuler la fusion ensuite.</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>Champ</translation>
        </message>
        <message>
            <source>Record kept</source>
            <translation>Fiche conservée</translation>
        </message>
        <message>
            <source>Other record</source>
            <translation>Autre fiche</translation>
        </message>
        <message>
            <source>Keep</source>
            <translation>Garder</translation>
        </message>
        <message>
            <source>Kept</source>
            <translation>Conservée</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Autre</translation>
        </message>
        <message>
            <source>%1: value of the record kept</source>
            <translation>%1 : valeur de la fiche conservée</translation>
        </message>
        <message>
            <source>%1: value of the other record</source>
            <translation>%1 : valeur de l'autre fiche</translation>
        </message>
        <message>
            <source>Will be linked to “%1”: %2.</source>
            <translation>Seront rattachés à « %1 » : %2.</translation>
        </message>
        <message>
            <source>No deal, group or other record is linked to the record merged.</source>
            <translation>Aucune affaire, aucun groupe ni aucune autre fiche n'est rattaché à la fiche fusionnée.</translation>
        </message>
        <message>
            <source>Merging…</source>
            <translation>Fusion en cours…</translation>
        </message>
        <message>
            <source>Not merged</source>
            <translation>Non fusionné</translation>
        </message>
        <message>
            <source>“%1” was changed meanwhile: look at both records again before merging.</source>
            <translation>« %1 » a été modifiée entre-temps : revoyez les deux fiches avant de fusionner.</translation>
        </message>
        <message>
            <source>One of the records no longer exists or is out of sight.</source>
            <translation>L'une des fiches n'existe plus ou ne vous est plus visible.</translation>
        </message>
        <message>
            <source>Your role does not allow changing both records: ask an administrator to merge them.</source>
            <translation>Votre rôle ne permet pas de modifier les deux fiches : demandez à un administrateur de les fusionner.</translation>
        </message>
    </context>
    <context>
        <name>MergeLabels</name>
        <message>
            <source>same e-mail</source>
            <translation>même e-mail</translation>
        </message>
        <message>
            <source>same phone</source>
            <translation>même téléphone</translation>
        </message>
        <message>
            <source>same name</source>
            <translation>même nom</translation>
        </message>
        <message>
            <source>same name at the same organisation</source>
            <translation>même nom dans la même organisation</translation>
        </message>
        <message>
            <source>same name in the same city</source>
            <translation>même nom dans la même ville</translation>
        </message>
        <message>
            <source>similar name at the same organisation</source>
            <translation>nom proche dans la même organisation</translation>
        </message>
        <message numerus="yes">
            <source>%n deal(s)</source>
            <translation>
                <numerusform>%n affaire</numerusform>
                <numerusform>%n affaires</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n deal(s) followed</source>
            <translation>
                <numerusform>%n affaire suivie</numerusform>
                <numerusform>%n affaires suivies</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n deal contact(s)</source>
            <translation>
                <numerusform>%n contact d'affaire</numerusform>
                <numerusform>%n contacts d'affaires</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n group(s)</source>
            <translation>
                <numerusform>%n groupe</numerusform>
                <numerusform>%n groupes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n team(s) led</source>
            <translation>
                <numerusform>%n équipe dirigée</numerusform>
                <numerusform>%n équipes dirigées</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n team(s)</source>
            <translation>
                <numerusform>%n équipe</numerusform>
                <numerusform>%n équipes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n subscription(s)</source>
            <translation>
                <numerusform>%n adhésion</numerusform>
                <numerusform>%n adhésions</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n dues reminder(s)</source>
            <translation>
                <numerusform>%n relance de cotisation</numerusform>
                <numerusform>%n relances de cotisation</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n invitation(s)</source>
            <translation>
                <numerusform>%n invitation</numerusform>
                <numerusform>%n invitations</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n proxy(ies) held</source>
            <translation>
                <numerusform>%n pouvoir détenu</numerusform>
                <numerusform>%n pouvoirs détenus</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n news item(s) received</source>
            <translation>
                <numerusform>%n actualité reçue</numerusform>
                <numerusform>%n actualités reçues</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) looked after</source>
            <translation>
                <numerusform>%n contact suivi</numerusform>
                <numerusform>%n contacts suivis</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n person(s) working there</source>
            <translation>
                <numerusform>%n personne qui y travaille</numerusform>
                <numerusform>%n personnes qui y travaillent</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n login(s)</source>
            <translation>
                <numerusform>%n identifiant de connexion</numerusform>
                <numerusform>%n identifiants de connexion</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n other linked record(s)</source>
            <translation>
                <numerusform>%n autre fiche liée</numerusform>
                <numerusform>%n autres fiches liées</numerusform>
            </translation>
        </message>
        <message>
            <source>A record cannot be merged with itself.</source>
            <translation>Une fiche ne peut pas être fusionnée avec elle-même.</translation>
        </message>
        <message>
            <source>A person and an organisation cannot be merged.</source>
            <translation>Une personne et une organisation ne peuvent pas être fusionnées.</translation>
        </message>
        <message>
            <source>One of the records is in the trash: restore it before merging.</source>
            <translation>L'une des fiches est dans la corbeille : restaurez-la avant de fusionner.</translation>
        </message>
        <message>
            <source>%1 has their own login (%2): keep that record and merge the other one into it.</source>
            <translation>%1 a son propre identifiant de connexion (%2) : conservez cette fiche et fusionnez l'autre dans celle-ci.</translation>
        </message>
        <message numerus="yes">
            <source>%1 has %n linked record(s) private to colleagues, which you cannot move: merging would leave them on the record sent to the trash, so nothing was merged. Ask their owners to share them, or to merge these records themselves.</source>
            <translation>
                <numerusform>%1 a %n fiche liée privée à un collègue, que vous ne pouvez pas déplacer : la fusion la laisserait sur la fiche envoyée à la corbeille, rien n'a donc été fusionné. Demandez à son propriétaire de la partager, ou de fusionner lui-même ces fiches.</numerusform>
                <numerusform>%1 a %n fiches liées privées à des collègues, que vous ne pouvez pas déplacer : la fusion les laisserait sur la fiche envoyée à la corbeille, rien n'a donc été fusionné. Demandez à leurs propriétaires de les partager, ou de fusionner eux-mêmes ces fiches.</numerusform>
            </translation>
        </message>
        <message>
            <source>This merge was already undone.</source>
            <translation>Cette fusion a déjà été annulée.</translation>
        </message>
        <message>
            <source>%1 was changed by %2 after the merge. Undoing the merge now would lose that change, so it was not undone. If the change is a later merge, undo that one first; otherwise you can restore the other record from the trash and edit both by hand.</source>
            <translation>%1 a été modifiée par %2 après la fusion. Annuler la fusion maintenant ferait perdre cette modification, elle n'a donc pas été annulée. Si cette modification est une fusion plus récente, annulez d'abord celle-ci ; sinon, vous pouvez restaurer l'autre fiche depuis la corbeille et corriger les deux à la main.</translation>
        </message>
        <message>
            <source>%1 was restored from the trash or changed after the merge: the merge cannot be undone.</source>
            <translation>%1 a été restaurée depuis la corbeille ou modifiée après la fusion : la fusion ne peut plus être annulée.</translation>
        </message>
        <message>
            <source>The two records cannot be merged: a linked record would become inconsistent.</source>
            <translation>Les deux fiches ne peuvent pas être fusionnées : une fiche liée deviendrait incohérente.</translation>
        </message>
    </context>
    <context>
        <name>MergeTableModel</name>
        <message>
            <source>Merged on</source>
            <translation>Fusionnées le</translation>
        </message>
        <message>
            <source>Record kept</source>
            <translation>Fiche conservée</translation>
        </message>
        <message>
            <source>Record merged into it</source>
            <translation>Fiche fusionnée dedans</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Undone on %1</source>
            <translation>Annulée le %1</translation>
        </message>
        <message>
            <source>Merged by %1</source>
            <translation>Fusionnées par %1</translation>
        </message>
    </context>
    <context>
        <name>NewsPage</name>
        <message>
            <source>News</source>
            <extracomment>How many items this user has not read (for the sidebar). Where "Save the attachment" writes (tests replace the dialog).</extracomment>
            <translation>Actualités</translation>
        </message>
        <message>
            <source>Unread only</source>
            <translation>Non lues seulement</translation>
        </message>
        <message>
            <source>Mark all as read</source>
            <translation>Tout marquer comme lu</translation>
        </message>
        <message>
            <source>Publish news…</source>
            <translation>Publier une actualité…</translation>
        </message>
        <message>
            <source>Save the attachment…</source>
            <translation>Enregistrer la pièce jointe…</translation>
        </message>
        <message>
            <source>Mark as unread</source>
            <translation>Marquer comme non lue</translation>
        </message>
        <message>
            <source>Withdraw</source>
            <translation>Retirer</translation>
        </message>
        <message>
            <source>Withdraw this item from the news feed</source>
            <translation>Retirer cette actualité du fil</translation>
        </message>
        <message>
            <source>Send by e-mail</source>
            <translation>Envoyer par e-mail</translation>
        </message>
        <message numerus="yes">
            <source>%n unread</source>
            <translation>
                <numerusform>%n non lue</numerusform>
                <numerusform>%n non lues</numerusform>
            </translation>
        </message>
        <message>
            <source>all read</source>
            <translation>tout est lu</translation>
        </message>
        <message>
            <source>Set up the workspace's mail account first (File › E-mail and SMS accounts).</source>
            <translation>Configurez d'abord le compte de messagerie de l'espace (Fichier › Comptes e-mail et SMS).</translation>
        </message>
        <message>
            <source>No news yet. Publish news to the members: it appears here for everyone who uses this workspace, and is listed for sending by e-mail.</source>
            <translation>Aucune actualité pour l'instant. Publiez une actualité pour les membres : elle apparaît ici pour tous les utilisateurs de cet espace de travail et elle est prête à partir par e-mail.</translation>
        </message>
        <message>
            <source>Select a news item.</source>
            <translation>Sélectionnez une actualité.</translation>
        </message>
        <message>
            <source>Published %1 by %2 — to: %3</source>
            <translation>Publiée le %1 par %2 — pour : %3</translation>
        </message>
        <message>
            <source>E-mail: %1 sent, %2 to send, %3 failed, %4 not e-mailed (no address, opted out or bounced).</source>
            <translation>E-mail : %1 envoyé(s), %2 à envoyer, %3 en échec, %4 non envoyé(s) (sans adresse, désinscrit(s) ou adresse en erreur).</translation>
        </message>
        <message>
            <source>%1 KB</source>
            <translation>%1 Ko</translation>
        </message>
        <message>
            <source>News by e-mail: %1 sent, %2 failed.</source>
            <translation>Actualité par e-mail : %1 envoyés, %2 en échec.</translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) marked as read.</source>
            <translation>
                <numerusform>%n actualité marquée comme lue.</numerusform>
                <numerusform>%n actualités marquées comme lues.</numerusform>
            </translation>
        </message>
        <message>
            <source>Saved “%1”.</source>
            <translation>« %1 » enregistré.</translation>
        </message>
        <message>
            <source>Save the attachment</source>
            <translation>Enregistrer la pièce jointe</translation>
        </message>
        <message numerus="yes">
            <source>News published: %n person(s) listed for the e-mail.</source>
            <translation>
                <numerusform>Actualité publiée : %n personne prévue pour l'e-mail.</numerusform>
                <numerusform>Actualité publiée : %n personnes prévues pour l'e-mail.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>NewsTableModel</name>
        <message>
            <source>Title</source>
            <translation>Titre</translation>
        </message>
        <message>
            <source>Published</source>
            <translation>Publiée</translation>
        </message>
        <message>
            <source>By</source>
            <translation>Par</translation>
        </message>
        <message>
            <source>To</source>
            <translation>Pour</translation>
        </message>
    </context>
    <context>
        <name>OptionsPage</name>
        <message>
            <source>Contacts already in the workspace</source>
            <translation>Contacts déjà présents dans l'espace de travail</translation>
        </message>
        <message>
            <source>A row is the same contact as a stored one when this key is equal. Rows without it are compared by name and organisation.</source>
            <translation>Une ligne est le même contact qu'une fiche existante quand cette clé est égale. Les lignes qui ne l'ont pas sont comparées par nom et organisation.</translation>
        </message>
        <message>
            <source>&amp;Matching key:</source>
            <translation>&amp;Clé de rapprochement :</translation>
        </message>
        <message>
            <source>When a contact &amp;exists:</source>
            <translation>Quand le contact &amp;existe :</translation>
        </message>
        <message>
            <source>Empty cells never erase anything. Two rows of the file with the same key are reported, not imported twice.</source>
            <translation>Une cellule vide n'efface jamais rien. Deux lignes du fichier avec la même clé sont signalées, pas importées deux fois.</translation>
        </message>
        <message>
            <source>Articles are matched on their code (case and spaces ignored).</source>
            <translation>Les articles sont rapprochés par leur code (sans tenir compte des majuscules ni des espaces).</translation>
        </message>
        <message>
            <source>Articles already in the catalogue</source>
            <translation>Articles déjà au catalogue</translation>
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
        <name>OutboxPage</name>
        <message>
            <source>Outbox</source>
            <translation>Boîte d'envoi</translation>
        </message>
        <message>
            <source>New e-mail…</source>
            <translation>Nouvel e-mail…</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Réessayer</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Show sent messages</source>
            <translation>Afficher les messages envoyés</translation>
        </message>
        <message>
            <source>Nothing waiting: e-mails and SMS that could not be sent, and drafts, wait here.</source>
            <translation>Rien en attente : les e-mails et SMS non envoyés, et les brouillons, attendent ici.</translation>
        </message>
        <message>
            <source>The sending of “%1” was interrupted: it may have gone out already. Send it again?</source>
            <translation>L'envoi de « %1 » a été interrompu : il est peut-être déjà parti. L'envoyer à nouveau ?</translation>
        </message>
        <message>
            <source>This message is being sent right now.</source>
            <translation>Ce message est en cours d'envoi.</translation>
        </message>
        <message>
            <source>Message sent.</source>
            <translation>Message envoyé.</translation>
        </message>
        <message>
            <source>Not sent: %1</source>
            <translation>Non envoyé : %1</translation>
        </message>
        <message>
            <source>Delete the message “%1” to %2?</source>
            <translation>Supprimer le message « %1 » à %2 ?</translation>
        </message>
    </context>
    <context>
        <name>OutboxTableModel</name>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>Canal</translation>
        </message>
        <message>
            <source>To</source>
            <translation>Pour</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Objet</translation>
        </message>
        <message>
            <source>Changed</source>
            <translation>Modifié</translation>
        </message>
        <message>
            <source>Attempts</source>
            <translation>Essais</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>Erreur</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <source>SMS</source>
            <translation>SMS</translation>
        </message>
    </context>
    <context>
        <name>OutcomeTableModel</name>
        <message>
            <source>Row</source>
            <translation>N°</translation>
        </message>
        <message>
            <source>Line</source>
            <translation>Ligne</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Raison</translation>
        </message>
    </context>
    <context>
        <name>PartyDialog</name>
        <message>
            <source>Workspace: %1</source>
            <extracomment>Pause in typing after which a new record is compared with the existing ones. While the server cannot be reached, a kept save is retried this often (and when it answers again). The user wants to see an existing record (the one the duplicate warning names).</extracomment>
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
            <source>Private: only the person looking after it can see it</source>
            <translation>Privée : seul son responsable peut la voir</translation>
        </message>
        <message>
            <source>— nobody —</source>
            <translation>— personne —</translation>
        </message>
        <message>
            <source>Looked after by</source>
            <translation>Responsable</translation>
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
            <source>Timeline</source>
            <translation>Chronologie</translation>
        </message>
        <message>
            <source>Membership</source>
            <translation>Adhésion</translation>
        </message>
        <message>
            <source>Consent</source>
            <translation>Consentement</translation>
        </message>
        <message>
            <source>History</source>
            <translation>Historique</translation>
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
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>Open the existing record</source>
            <translation>Ouvrir la fiche existante</translation>
        </message>
        <message>
            <source>Merge later</source>
            <translation>Fusionner plus tard</translation>
        </message>
        <message>
            <source>Hide this warning: the Duplicates page will propose merging the two records</source>
            <translation>Masquer cet avertissement : la page Doublons proposera de fusionner les deux fiches</translation>
        </message>
        <message>
            <source>This person may already exist: %1</source>
            <translation>Cette personne existe peut-être déjà : %1</translation>
        </message>
        <message>
            <source>This organisation may already exist: %1</source>
            <translation>Cette organisation existe peut-être déjà : %1</translation>
        </message>
        <message>
            <source>Privacy</source>
            <translation>Données personnelles</translation>
        </message>
        <message>
            <source>Export everything (JSON + PDF)…</source>
            <translation>Tout exporter (JSON + PDF)…</translation>
        </message>
        <message>
            <source>Erase this person…</source>
            <translation>Effacer cette personne…</translation>
        </message>
        <message>
            <source>Business card</source>
            <translation>Carte de visite</translation>
        </message>
        <message>
            <source>Exported to %1</source>
            <translation>Exporté dans %1</translation>
        </message>
        <message>
            <source>(someone you cannot see)</source>
            <translation>(une personne que vous ne pouvez pas voir)</translation>
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
            <source>The server refused this change: your role does not allow it.</source>
            <translation>Le serveur a refusé cette modification : votre rôle ne la permet pas.</translation>
        </message>
        <message>
            <source>The server cannot be reached. Your changes are kept in this form and will be saved as soon as it answers again.</source>
            <translation>Le serveur est injoignable. Vos modifications sont conservées dans ce formulaire et seront enregistrées dès qu'il répondra.</translation>
        </message>
        <message>
            <source>Someone deleted this record for good.</source>
            <translation>Quelqu'un a supprimé définitivement cette fiche.</translation>
        </message>
        <message>
            <source>%1 saved this record while you were editing it. Your changes are kept: saving will show both versions side by side.</source>
            <translation>%1 a enregistré cette fiche pendant que vous la modifiiez. Vos modifications sont conservées : à l'enregistrement, les deux versions seront présentées côte à côte.</translation>
        </message>
        <message>
            <source>Updated with the changes %1 just saved.</source>
            <translation>Mise à jour avec les modifications que %1 vient d'enregistrer.</translation>
        </message>
        <message>
            <source>Not reverted</source>
            <translation>Modification maintenue</translation>
        </message>
        <message>
            <source>Save or cancel your own changes to this form before reverting an earlier change.</source>
            <translation>Enregistrez ou abandonnez vos propres modifications de ce formulaire avant de revenir sur une modification antérieure.</translation>
        </message>
        <message>
            <source>Someone changed this record meanwhile; it was reloaded. Look at its history again.</source>
            <translation>Quelqu'un a modifié cette fiche entre-temps ; elle a été rechargée. Consultez à nouveau son historique.</translation>
        </message>
        <message>
            <source>Nothing to revert</source>
            <translation>Rien à rétablir</translation>
        </message>
        <message>
            <source>The record already holds those values.</source>
            <translation>La fiche contient déjà ces valeurs.</translation>
        </message>
        <message>
            <source>Your role does not allow this change.</source>
            <translation>Votre rôle ne permet pas cette modification.</translation>
        </message>
        <message>
            <source>The change was reverted; the revert is in the history.</source>
            <translation>Les valeurs d'avant ont été rétablies ; ce retour figure dans l'historique.</translation>
        </message>
        <message>
            <source>You can read this record; your role does not allow changing it.</source>
            <translation>Vous pouvez consulter cette fiche ; votre rôle ne permet pas de la modifier.</translation>
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
        <name>PartyPicker</name>
        <message>
            <source>Type a name to find the person</source>
            <translation>Tapez un nom pour trouver la personne</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>Personne</translation>
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
        <name>PasswordShownOnceDialog</name>
        <message>
            <source>Password of %1</source>
            <translation>Mot de passe de %1</translation>
        </message>
        <message>
            <source>Give this password to %1 in person or by a channel you trust. It is shown only now: EkoCRM does not keep it. They can change it once logged in.</source>
            <translation>Transmettez ce mot de passe à %1 en main propre ou par un moyen sûr. Il n'est affiché que maintenant : EkoCRM ne le conserve pas. Il pourra être changé après la connexion.</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Copier</translation>
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
        <name>PipelineStagesDialog</name>
        <message>
            <source>Pipeline stages</source>
            <translation>Étapes du pipeline</translation>
        </message>
    </context>
    <context>
        <name>PipelineStagesEditor</name>
        <message>
            <source>The stages a deal goes through, in order. A deal entering a stage takes its probability; a stage marked won (or lost) closes the deals moved to it.</source>
            <translation>Les étapes que traverse une affaire, dans l'ordre. Une affaire qui entre dans une étape prend sa probabilité ; une étape marquée gagnée (ou perdue) clôt les affaires qui y arrivent.</translation>
        </message>
        <message>
            <source>Pipeline stages</source>
            <translation>Étapes du pipeline</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>Ajouter</translation>
        </message>
        <message>
            <source>Move up</source>
            <translation>Monter</translation>
        </message>
        <message>
            <source>Move down</source>
            <translation>Descendre</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Name *</source>
            <translation>Nom *</translation>
        </message>
        <message>
            <source>Default probability</source>
            <translation>Probabilité par défaut</translation>
        </message>
        <message>
            <source>Deals here are won</source>
            <translation>Les affaires ici sont gagnées</translation>
        </message>
        <message>
            <source>Deals here are lost</source>
            <translation>Les affaires ici sont perdues</translation>
        </message>
        <message>
            <source>Save the stage</source>
            <translation>Enregistrer l'étape</translation>
        </message>
        <message>
            <source>won</source>
            <translation>gagnée</translation>
        </message>
        <message>
            <source>lost</source>
            <translation>perdue</translation>
        </message>
        <message>
            <source>Someone changed the pipeline meanwhile: it was read again.</source>
            <translation>Quelqu'un a modifié le pipeline entre-temps : il a été relu.</translation>
        </message>
        <message>
            <source>Your role does not allow this.</source>
            <translation>Votre rôle ne le permet pas.</translation>
        </message>
        <message>
            <source>New stage</source>
            <translation>Nouvelle étape</translation>
        </message>
        <message>
            <source>Add a stage</source>
            <translation>Ajouter une étape</translation>
        </message>
        <message>
            <source>Delete a stage</source>
            <translation>Supprimer une étape</translation>
        </message>
        <message>
            <source>Delete the stage “%1”?</source>
            <translation>Supprimer l'étape « %1 » ?</translation>
        </message>
        <message numerus="yes">
            <source>“%1” holds %n deal(s): move them to another stage first.</source>
            <translation>
                <numerusform>« %1 » contient %n affaire : déplacez-la d'abord vers une autre étape.</numerusform>
                <numerusform>« %1 » contient %n affaires : déplacez-les d'abord vers une autre étape.</numerusform>
            </translation>
        </message>
        <message>
            <source>Move them to:</source>
            <translation>Les déplacer vers :</translation>
        </message>
        <message>
            <source>Stage “%1” deleted.</source>
            <translation>Étape « %1 » supprimée.</translation>
        </message>
    </context>
    <context>
        <name>PreviewPage</name>
        <message>
            <source>Check how the file is read</source>
            <translation>Vérifier la lecture du fichier</translation>
        </message>
        <message>
            <source>If accents or columns look wrong, change the encoding or the separator.</source>
            <translation>Si les accents ou les colonnes semblent faux, changez l'encodage ou le séparateur.</translation>
        </message>
        <message>
            <source>Detect</source>
            <translation>Détecter</translation>
        </message>
        <message>
            <source>&amp;Encoding:</source>
            <translation>&amp;Encodage :</translation>
        </message>
        <message>
            <source>&amp;Separator:</source>
            <translation>&amp;Séparateur :</translation>
        </message>
        <message>
            <source>This file cannot be read: %1</source>
            <translation>Ce fichier ne peut pas être lu : %1</translation>
        </message>
        <message numerus="yes">
            <source>CSV file, encoding %1, separator %2, %n column(s).</source>
            <translation>
                <numerusform>Fichier CSV, encodage %1, séparateur %2, %n colonne.</numerusform>
                <numerusform>Fichier CSV, encodage %1, séparateur %2, %n colonnes.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Excel workbook, first sheet, %n column(s).</source>
            <translation>
                <numerusform>Classeur Excel, première feuille, %n colonne.</numerusform>
                <numerusform>Classeur Excel, première feuille, %n colonnes.</numerusform>
            </translation>
        </message>
        <message>
            <source>vCard file (one contact per card).</source>
            <translation>Fichier vCard (un contact par carte).</translation>
        </message>
    </context>
    <context>
        <name>Privacy</name>
        <message>
            <source>Person</source>
            <translation>Personne</translation>
        </message>
        <message>
            <source>E-mail addresses</source>
            <translation>Adresses e-mail</translation>
        </message>
        <message>
            <source>Phone numbers</source>
            <translation>Numéros de téléphone</translation>
        </message>
        <message>
            <source>Postal addresses</source>
            <translation>Adresses postales</translation>
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
            <source>Links to organisations</source>
            <translation>Liens avec des organisations</translation>
        </message>
        <message>
            <source>Subscriptions</source>
            <translation>Cotisations</translation>
        </message>
        <message>
            <source>Reminders sent</source>
            <translation>Relances envoyées</translation>
        </message>
        <message>
            <source>Assembly invitations</source>
            <translation>Convocations aux assemblées</translation>
        </message>
        <message>
            <source>News sent to them</source>
            <translation>Actualités qui lui ont été envoyées</translation>
        </message>
        <message>
            <source>Group memberships</source>
            <translation>Appartenances à des groupes</translation>
        </message>
        <message>
            <source>Team memberships</source>
            <translation>Appartenances à des équipes</translation>
        </message>
        <message>
            <source>Deals</source>
            <translation>Affaires</translation>
        </message>
        <message>
            <source>Deal lines</source>
            <translation>Lignes d'affaires</translation>
        </message>
        <message>
            <source>Deal contacts</source>
            <translation>Contacts d'affaires</translation>
        </message>
        <message>
            <source>Activities</source>
            <translation>Activités</translation>
        </message>
        <message>
            <source>Links to activities</source>
            <translation>Liens avec des activités</translation>
        </message>
        <message>
            <source>Alerts</source>
            <translation>Alertes</translation>
        </message>
        <message>
            <source>Import records</source>
            <translation>Traces d'import</translation>
        </message>
        <message>
            <source>Merges</source>
            <translation>Fusions</translation>
        </message>
        <message>
            <source>Dismissed duplicates</source>
            <translation>Doublons écartés</translation>
        </message>
        <message>
            <source>History entries</source>
            <translation>Entrées d'historique</translation>
        </message>
        <message>
            <source>Records they looked after (ids only)</source>
            <translation>Fiches dont elle s'occupait (identifiants seulement)</translation>
        </message>
        <message>
            <source>Shared records: %1</source>
            <translation>Fiches partagées : %1</translation>
        </message>
        <message>
            <source>Folder for the export of personal data</source>
            <translation>Dossier pour l'export des données personnelles</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Exporter</translation>
        </message>
        <message>
            <source>Personal data held about %1</source>
            <translation>Données personnelles détenues sur %1</translation>
        </message>
        <message>
            <source>Page %1 of %2</source>
            <translation>Page %1 sur %2</translation>
        </message>
        <message>
            <source>Every row this workspace holds about the person, table by table (GDPR article 15). The JSON file next to this one holds the same data in a machine-readable form (article 20).</source>
            <translation>Chaque ligne que cet espace détient sur la personne, table par table (RGPD, article 15). Le fichier JSON à côté de celui-ci contient les mêmes données sous une forme lisible par une machine (article 20).</translation>
        </message>
    </context>
    <context>
        <name>ProxyDialog</name>
        <message>
            <source>Proxy of %1</source>
            <translation>Pouvoir de %1</translation>
        </message>
        <message>
            <source>%1 (holds %2)</source>
            <translation>%1 (en détient %2)</translation>
        </message>
        <message>
            <source>Gives power to</source>
            <translation>Donne pouvoir à</translation>
        </message>
    </context>
    <context>
        <name>PublishDialog</name>
        <message>
            <source>Publish news</source>
            <translation>Publier une actualité</translation>
        </message>
        <message>
            <source>Title *</source>
            <translation>Titre *</translation>
        </message>
        <message>
            <source>Text *</source>
            <translation>Texte *</translation>
        </message>
        <message>
            <source>No attachment</source>
            <translation>Aucune pièce jointe</translation>
        </message>
        <message>
            <source>Attach a file…</source>
            <translation>Joindre un fichier…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Retirer</translation>
        </message>
        <message>
            <source>Attachment</source>
            <translation>Pièce jointe</translation>
        </message>
        <message>
            <source>Published to</source>
            <translation>Publiée pour</translation>
        </message>
        <message>
            <source>The news appears in the feed of every user of this workspace. Its people are listed for the e-mail, which goes out with the workspace's mail account.</source>
            <translation>L'actualité apparaît dans le fil de chaque utilisateur de cet espace de travail. Ses destinataires sont listés pour l'e-mail, qui part avec le compte de messagerie de l'espace de travail.</translation>
        </message>
        <message>
            <source>Publish</source>
            <translation>Publier</translation>
        </message>
        <message>
            <source>Attach a file</source>
            <translation>Joindre un fichier</translation>
        </message>
        <message>
            <source>The attachment cannot be read: %1</source>
            <translation>La pièce jointe ne peut pas être lue : %1</translation>
        </message>
    </context>
    <context>
        <name>ReceiveCardDialog</name>
        <message>
            <source>Receive a business card</source>
            <translation>Recevoir une carte de visite</translation>
        </message>
        <message>
            <source>Open a vCard file (.vcf), or paste the text a phone read from a QR code.</source>
            <translation>Ouvrez un fichier vCard (.vcf), ou collez le texte qu'un téléphone a lu dans un code QR.</translation>
        </message>
        <message>
            <source>Open a .vcf file…</source>
            <translation>Ouvrir un fichier .vcf…</translation>
        </message>
        <message>
            <source>Text of the card</source>
            <translation>Texte de la carte</translation>
        </message>
        <message>
            <source>Already in this workspace:</source>
            <translation>Déjà dans cet espace :</translation>
        </message>
        <message>
            <source>Open the existing contact</source>
            <translation>Ouvrir le contact existant</translation>
        </message>
        <message>
            <source>Create the contact</source>
            <translation>Créer le contact</translation>
        </message>
        <message>
            <source>Open a vCard</source>
            <translation>Ouvrir une vCard</translation>
        </message>
        <message>
            <source>No card recognised yet.</source>
            <translation>Aucune carte reconnue pour l'instant.</translation>
        </message>
        <message>
            <source>Create anyway</source>
            <translation>Créer quand même</translation>
        </message>
        <message>
            <source>The contact could not be created.</source>
            <translation>Le contact n'a pas pu être créé.</translation>
        </message>
    </context>
    <context>
        <name>RecurrenceDialog</name>
        <message>
            <source>Repeat</source>
            <translation>Répétition</translation>
        </message>
        <message>
            <source>Does not repeat</source>
            <translation>Ne se répète pas</translation>
        </message>
        <message>
            <source>Every day</source>
            <translation>Tous les jours</translation>
        </message>
        <message>
            <source>Every week</source>
            <translation>Toutes les semaines</translation>
        </message>
        <message>
            <source>Every month</source>
            <translation>Tous les mois</translation>
        </message>
        <message>
            <source>Every (days, weeks or months)</source>
            <translation>Intervalle (jours, semaines ou mois)</translation>
        </message>
        <message>
            <source>On</source>
            <translation>Les</translation>
        </message>
        <message>
            <source>Never ends</source>
            <translation>Sans fin</translation>
        </message>
        <message>
            <source>After</source>
            <translation>Après</translation>
        </message>
        <message>
            <source> times</source>
            <translation> fois</translation>
        </message>
        <message>
            <source>Until</source>
            <translation>Jusqu’au</translation>
        </message>
        <message>
            <source>Ends</source>
            <translation>Fin</translation>
        </message>
    </context>
    <context>
        <name>ReminderDialog</name>
        <message>
            <source>Reminder</source>
            <translation>Relance</translation>
        </message>
        <message>
            <source>Reminder: {about}</source>
            <translation>Relance : {about}</translation>
        </message>
        <message>
            <source>Hello {first_name},

A friendly reminder about {about}.
</source>
            <translation>Bonjour {first_name},

Un petit rappel concernant {about}.
</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Objet</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Message</translation>
        </message>
    </context>
    <context>
        <name>ReminderRuleDialog</name>
        <message>
            <source>Reminder</source>
            <translation>Relance</translation>
        </message>
        <message>
            <source>Name *</source>
            <translation>Nom *</translation>
        </message>
        <message>
            <source> days</source>
            <translation> jours</translation>
        </message>
        <message>
            <source>Negative: before the membership ends; positive: after.</source>
            <translation>Négatif : avant la fin de l'adhésion ; positif : après.</translation>
        </message>
        <message>
            <source>When</source>
            <translation>Quand</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>E-mail</translation>
        </message>
        <message>
            <source>Letter</source>
            <translation>Courrier</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>Canal</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Objet</translation>
        </message>
        <message>
            <source>Text *</source>
            <translation>Texte *</translation>
        </message>
        <message>
            <source>Merge fields: %1</source>
            <translation>Champs de fusion : %1</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Actif</translation>
        </message>
    </context>
    <context>
        <name>ReplaceDialog</name>
        <message>
            <source>Value in use</source>
            <translation>Valeur utilisée</translation>
        </message>
        <message>
            <source>“%1” is used by %2. It can only be deleted if another value takes its place.</source>
            <translation>« %1 » est utilisée par %2. Elle ne peut être supprimée que si une autre valeur prend sa place.</translation>
        </message>
        <message>
            <source>Replace with:</source>
            <translation>Remplacer par :</translation>
        </message>
        <message>
            <source>Replace with</source>
            <translation>Remplacer par</translation>
        </message>
        <message>
            <source>Replace and delete</source>
            <translation>Remplacer et supprimer</translation>
        </message>
    </context>
    <context>
        <name>Reports</name>
        <message>
            <source>Page %1 of %2</source>
            <translation>Page %1 sur %2</translation>
        </message>
        <message>
            <source>Activity report</source>
            <translation>Rapport d’activité</translation>
        </message>
        <message>
            <source>Pipeline report</source>
            <translation>Rapport du pipeline</translation>
        </message>
        <message>
            <source>Membership report</source>
            <translation>Rapport des adhésions</translation>
        </message>
        <message>
            <source>Contact sheet</source>
            <translation>Fiche contact</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>Période</translation>
        </message>
        <message>
            <source>From %1 to %2</source>
            <translation>Du %1 au %2</translation>
        </message>
        <message>
            <source>Compared with %1 to %2</source>
            <translation>Comparé à la période du %1 au %2</translation>
        </message>
        <message>
            <source>Concerning</source>
            <translation>Concerne</translation>
        </message>
        <message>
            <source>Requested by</source>
            <translation>Demandé par</translation>
        </message>
        <message>
            <source>Generated on</source>
            <translation>Établi le</translation>
        </message>
        <message>
            <source>Everyone</source>
            <translation>Tout le monde</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Count</source>
            <translation>Nombre</translation>
        </message>
        <message>
            <source>Previous period</source>
            <translation>Période précédente</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>Écart</translation>
        </message>
        <message>
            <source>Change (%)</source>
            <translation>Écart (%)</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>Total</translation>
        </message>
        <message>
            <source>Activities by type</source>
            <translation>Activités par type</translation>
        </message>
        <message>
            <source>Activities by collaborator</source>
            <translation>Activités par collaborateur</translation>
        </message>
        <message>
            <source>Collaborator</source>
            <translation>Collaborateur</translation>
        </message>
        <message>
            <source>Unassigned</source>
            <translation>Non attribué</translation>
        </message>
        <message>
            <source>Activities per week</source>
            <translation>Activités par semaine</translation>
        </message>
        <message>
            <source>Week of %1</source>
            <translation>Semaine du %1</translation>
        </message>
        <message>
            <source>Activities by day</source>
            <translation>Activités jour par jour</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Heure</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Objet</translation>
        </message>
        <message>
            <source>People</source>
            <translation>Personnes</translation>
        </message>
        <message>
            <source>Deals</source>
            <translation>Affaires</translation>
        </message>
        <message>
            <source>No activity in this period.</source>
            <translation>Aucune activité sur cette période.</translation>
        </message>
        <message>
            <source>Tasks</source>
            <translation>Tâches</translation>
        </message>
        <message>
            <source>Completed in the period</source>
            <translation>Terminées sur la période</translation>
        </message>
        <message>
            <source>Overdue at the end of the period</source>
            <translation>En retard à la fin de la période</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvertes</translation>
        </message>
        <message>
            <source>Deals won</source>
            <translation>Affaires gagnées</translation>
        </message>
        <message>
            <source>Deals moved to another stage</source>
            <translation>Affaires passées à une autre étape</translation>
        </message>
        <message>
            <source>Deal</source>
            <translation>Affaire</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>Client</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>Responsable</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>Étape</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>Montant</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>None.</source>
            <translation>Aucune.</translation>
        </message>
        <message>
            <source>Open deals by stage</source>
            <translation>Affaires ouvertes par étape</translation>
        </message>
        <message>
            <source>Open deals by owner</source>
            <translation>Affaires ouvertes par responsable</translation>
        </message>
        <message>
            <source>Weighted forecast</source>
            <translation>Prévision pondérée</translation>
        </message>
        <message>
            <source>Won in the period</source>
            <translation>Gagnées sur la période</translation>
        </message>
        <message>
            <source>Lost in the period</source>
            <translation>Perdues sur la période</translation>
        </message>
        <message>
            <source>Lost deals by reason</source>
            <translation>Affaires perdues par motif</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Motif</translation>
        </message>
        <message>
            <source>(no reason given)</source>
            <translation>(motif non indiqué)</translation>
        </message>
        <message>
            <source>Members by category and dues status</source>
            <translation>Adhérents par catégorie et état de cotisation</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>(no membership type)</source>
            <translation>(sans type d’adhésion)</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Dues status on %1</source>
            <translation>État des cotisations au %1</translation>
        </message>
        <message>
            <source>Receipts in the period</source>
            <translation>Reçus de la période</translation>
        </message>
        <message>
            <source>Receipt</source>
            <translation>Reçu</translation>
        </message>
        <message>
            <source>Member</source>
            <translation>Adhérent</translation>
        </message>
        <message>
            <source>Membership type</source>
            <translation>Type d’adhésion</translation>
        </message>
        <message>
            <source>Paid on</source>
            <translation>Payé le</translation>
        </message>
        <message>
            <source>Method</source>
            <translation>Mode de paiement</translation>
        </message>
        <message>
            <source>Receipts by payment method</source>
            <translation>Encaissements par mode de paiement</translation>
        </message>
        <message>
            <source>Identity</source>
            <translation>Identité</translation>
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
            <source>Notes</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>Contact points</source>
            <translation>Coordonnées</translation>
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
            <source>Roles</source>
            <translation>Rôles</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Rôle</translation>
        </message>
        <message>
            <source>Since</source>
            <translation>Depuis</translation>
        </message>
        <message>
            <source>Until</source>
            <translation>Jusqu’au</translation>
        </message>
        <message>
            <source>Organisations</source>
            <translation>Organisations</translation>
        </message>
        <message>
            <source>Function</source>
            <translation>Fonction</translation>
        </message>
        <message>
            <source>Latest activities</source>
            <translation>Dernières activités</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>Échéance</translation>
        </message>
        <message>
            <source>Membership</source>
            <translation>Adhésion</translation>
        </message>
        <message>
            <source>Paid until</source>
            <translation>Payé jusqu’au</translation>
        </message>
        <message>
            <source>Groups</source>
            <translation>Groupes</translation>
        </message>
        <message>
            <source>Campaign report</source>
            <translation>Rapport de campagne</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>Canal</translation>
        </message>
        <message>
            <source>Objective</source>
            <translation>Objectif</translation>
        </message>
        <message>
            <source>Results</source>
            <translation>Résultats</translation>
        </message>
        <message>
            <source>Figure</source>
            <translation>Indicateur</translation>
        </message>
        <message>
            <source>Rate</source>
            <translation>Taux</translation>
        </message>
        <message>
            <source>Recipients</source>
            <translation>Destinataires</translation>
        </message>
        <message>
            <source>Sent</source>
            <translation>Envoyés</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Échecs</translation>
        </message>
        <message>
            <source>Bounced</source>
            <translation>Rejetés</translation>
        </message>
        <message>
            <source>Skipped</source>
            <translation>Ignorés</translation>
        </message>
        <message>
            <source>Interrupted, to check</source>
            <translation>Interrompus, à vérifier</translation>
        </message>
        <message>
            <source>People who responded</source>
            <translation>Personnes ayant répondu</translation>
        </message>
        <message>
            <source>Responses by type</source>
            <translation>Réponses par type</translation>
        </message>
        <message>
            <source>Response</source>
            <translation>Réponse</translation>
        </message>
        <message>
            <source>Share</source>
            <translation>Part</translation>
        </message>
        <message>
            <source>No response recorded yet.</source>
            <translation>Aucune réponse enregistrée pour l’instant.</translation>
        </message>
        <message>
            <source>Costs and budget</source>
            <translation>Coûts et budget</translation>
        </message>
        <message>
            <source>Budget</source>
            <translation>Budget</translation>
        </message>
        <message>
            <source>Actual cost</source>
            <translation>Coût réel</translation>
        </message>
        <message>
            <source>Budget left</source>
            <translation>Budget restant</translation>
        </message>
        <message>
            <source>Over budget by</source>
            <translation>Dépassement du budget</translation>
        </message>
        <message>
            <source>Budget used</source>
            <translation>Budget consommé</translation>
        </message>
        <message>
            <source>Cost per response</source>
            <translation>Coût par réponse</translation>
        </message>
        <message>
            <source>Revenue (deals won)</source>
            <translation>Chiffre d’affaires (affaires gagnées)</translation>
        </message>
        <message>
            <source>Revenue minus cost</source>
            <translation>Chiffre d’affaires moins le coût</translation>
        </message>
        <message>
            <source>Sends and follow-ups</source>
            <translation>Envois et relances</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>Envoi</translation>
        </message>
        <message>
            <source>First send</source>
            <translation>Premier envoi</translation>
        </message>
        <message>
            <source>Follow-up %1</source>
            <translation>Relance %1</translation>
        </message>
        <message>
            <source>Sent to</source>
            <translation>Destinataires</translation>
        </message>
        <message>
            <source>Sent on</source>
            <translation>Envoyé le</translation>
        </message>
        <message>
            <source>Waiting</source>
            <translation>En attente</translation>
        </message>
        <message>
            <source>Responses</source>
            <translation>Réponses</translation>
        </message>
        <message>
            <source>The campaign has not been sent yet.</source>
            <translation>La campagne n’a pas encore été envoyée.</translation>
        </message>
        <message>
            <source>Deals won from the campaign</source>
            <translation>Affaires gagnées grâce à la campagne</translation>
        </message>
        <message>
            <source>Everyone targeted</source>
            <translation>Toutes les personnes ciblées</translation>
        </message>
        <message>
            <source>Those who did not respond</source>
            <translation>Ceux qui n’ont pas répondu</translation>
        </message>
        <message>
            <source>Those who did not pay</source>
            <translation>Ceux qui n’ont pas payé</translation>
        </message>
    </context>
    <context>
        <name>ReportsPage</name>
        <message>
            <source>Reports</source>
            <extracomment>Pages shown in the preview (the whole report is printed and saved). A report was built (its PDF bytes); tests wait on it. A report was written to disk. Replaced by tests (no file dialog offscreen).</extracomment>
            <translation>Rapports</translation>
        </message>
        <message>
            <source>Activity report</source>
            <translation>Rapport d’activité</translation>
        </message>
        <message>
            <source>Pipeline report</source>
            <translation>Rapport du pipeline</translation>
        </message>
        <message>
            <source>Membership report</source>
            <translation>Rapport des adhésions</translation>
        </message>
        <message>
            <source>Contact sheet</source>
            <translation>Fiche contact</translation>
        </message>
        <message>
            <source>Campaign report</source>
            <translation>Rapport de campagne</translation>
        </message>
        <message>
            <source>Report</source>
            <translation>Rapport</translation>
        </message>
        <message>
            <source>Whose activity</source>
            <translation>Activité de qui</translation>
        </message>
        <message>
            <source>Concerning</source>
            <translation>Concerne</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>Contact</translation>
        </message>
        <message>
            <source>Campaign</source>
            <translation>Campagne</translation>
        </message>
        <message>
            <source>This week</source>
            <translation>Cette semaine</translation>
        </message>
        <message>
            <source>Last week</source>
            <translation>La semaine dernière</translation>
        </message>
        <message>
            <source>This month</source>
            <translation>Ce mois-ci</translation>
        </message>
        <message>
            <source>Last month</source>
            <translation>Le mois dernier</translation>
        </message>
        <message>
            <source>This year</source>
            <translation>Cette année</translation>
        </message>
        <message>
            <source>Custom dates</source>
            <translation>Dates au choix</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>Période</translation>
        </message>
        <message>
            <source>From</source>
            <translation>Du</translation>
        </message>
        <message>
            <source>To</source>
            <translation>Au</translation>
        </message>
        <message>
            <source>Generate</source>
            <translation>Générer</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Print…</source>
            <translation>Imprimer…</translation>
        </message>
        <message>
            <source>Save as…</source>
            <translation>Enregistrer sous…</translation>
        </message>
        <message>
            <source>Choose a report and click “Generate”: its preview shows here.</source>
            <translation>Choisissez un rapport puis cliquez sur « Générer » : son aperçu s’affiche ici.</translation>
        </message>
        <message>
            <source>Everyone</source>
            <translation>Tout le monde</translation>
        </message>
        <message>
            <source>Team: %1</source>
            <translation>Équipe : %1</translation>
        </message>
        <message>
            <source>There is no campaign to report on yet.</source>
            <translation>Il n’y a encore aucune campagne sur laquelle faire un rapport.</translation>
        </message>
        <message>
            <source>No contact has this exact name.</source>
            <translation>Aucun contact ne porte exactement ce nom.</translation>
        </message>
        <message>
            <source>The end date is before the start date.</source>
            <translation>La date de fin précède la date de début.</translation>
        </message>
        <message>
            <source>Preparing the report…</source>
            <translation>Préparation du rapport…</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Annulation…</translation>
        </message>
        <message numerus="yes">
            <source>%n page(s)</source>
            <translation>
                <numerusform>%n page</numerusform>
                <numerusform>%n pages</numerusform>
            </translation>
        </message>
        <message>
            <source>Report cancelled.</source>
            <translation>Rapport annulé.</translation>
        </message>
        <message>
            <source>The report was not made</source>
            <translation>Le rapport n’a pas été établi</translation>
        </message>
        <message>
            <source>Save the report</source>
            <translation>Enregistrer le rapport</translation>
        </message>
        <message>
            <source>The report was not saved</source>
            <translation>Le rapport n’a pas été enregistré</translation>
        </message>
        <message>
            <source>Saved “%1”.</source>
            <translation>« %1 » enregistré.</translation>
        </message>
        <message>
            <source>Print</source>
            <translation>Imprimer</translation>
        </message>
        <message>
            <source>The printer could not be opened.</source>
            <translation>L’imprimante n’a pas pu être ouverte.</translation>
        </message>
    </context>
    <context>
        <name>ResignDialog</name>
        <message>
            <source>Resignation of %1</source>
            <translation>Démission de %1</translation>
        </message>
        <message>
            <source>%1 stays a member until the day below included, and is shown as resigned after it.</source>
            <translation>%1 reste membre jusqu'au jour ci-dessous inclus et apparaît comme démissionnaire ensuite.</translation>
        </message>
        <message>
            <source>Last day of membership</source>
            <translation>Dernier jour d'adhésion</translation>
        </message>
    </context>
    <context>
        <name>RetentionDialog</name>
        <message>
            <source>Retention of personal data</source>
            <translation>Durée de conservation des données personnelles</translation>
        </message>
        <message>
            <source>People who only hold this role, with no activity and no change for this many years (the CNIL advises 3 years for prospects). Erasing them removes everything about them.</source>
            <translation>Les personnes qui n'ont que ce rôle, sans activité ni modification depuis ce nombre d'années (la CNIL recommande 3 ans pour les prospects). Les effacer supprime tout ce qui les concerne.</translation>
        </message>
        <message>
            <source>Prospects</source>
            <translation>Prospects</translation>
        </message>
        <message>
            <source>Clients</source>
            <translation>Clients</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>Membres</translation>
        </message>
        <message>
            <source>Partners</source>
            <translation>Partenaires</translation>
        </message>
        <message>
            <source>Suppliers</source>
            <translation>Fournisseurs</translation>
        </message>
        <message>
            <source>Competitors</source>
            <translation>Concurrents</translation>
        </message>
        <message>
            <source> years</source>
            <translation> ans</translation>
        </message>
        <message>
            <source>List</source>
            <translation>Lister</translation>
        </message>
        <message>
            <source>Role:</source>
            <translation>Rôle :</translation>
        </message>
        <message>
            <source>Without activity for:</source>
            <translation>Sans activité depuis :</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Last activity</source>
            <translation>Dernière activité</translation>
        </message>
        <message>
            <source>Last change</source>
            <translation>Dernière modification</translation>
        </message>
        <message>
            <source>Erase the checked people…</source>
            <translation>Effacer les personnes cochées…</translation>
        </message>
        <message>
            <source>never</source>
            <translation>jamais</translation>
        </message>
        <message numerus="yes">
            <source>%n person(s) concerned.</source>
            <translation>
                <numerusform>%n personne concernée.</numerusform>
                <numerusform>%n personnes concernées.</numerusform>
            </translation>
        </message>
        <message>
            <source>Erase</source>
            <translation>Effacer</translation>
        </message>
        <message numerus="yes">
            <source>Erase %n person(s) for good? This cannot be undone.</source>
            <translation>
                <numerusform>Effacer définitivement %n personne ? C'est irréversible.</numerusform>
                <numerusform>Effacer définitivement %n personnes ? C'est irréversible.</numerusform>
            </translation>
        </message>
        <message>
            <source>Erasing…</source>
            <translation>Effacement…</translation>
        </message>
        <message>
            <source>Erasing… %1 / %2</source>
            <translation>Effacement… %1 / %2</translation>
        </message>
        <message>
            <source>These people cannot be erased.</source>
            <translation>Ces personnes ne peuvent pas être effacées.</translation>
        </message>
    </context>
    <context>
        <name>RoleEditor</name>
        <message>
            <source>Role</source>
            <translation>Rôle</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>any category</source>
            <translation>toute catégorie</translation>
        </message>
        <message>
            <source>any state</source>
            <translation>tout état</translation>
        </message>
    </context>
    <context>
        <name>RoleListsTab</name>
        <message>
            <source>Role:</source>
            <translation>Rôle :</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Rôle</translation>
        </message>
        <message>
            <source>States</source>
            <translation>États</translation>
        </message>
        <message>
            <source>Categories</source>
            <translation>Catégories</translation>
        </message>
        <message>
            <source>A member's state is their dues status (up to date, late…), computed from their subscriptions on the Membership page: there is no list to keep here.</source>
            <translation>L’état d’un adhérent est la situation de ses cotisations (à jour, en retard…), calculée à partir de ses adhésions dans la page Adhésions : il n’y a pas de liste à tenir ici.</translation>
        </message>
    </context>
    <context>
        <name>RoleRow</name>
        <message>
            <source>Role</source>
            <extracomment>A role's configured (code, label) states and categories, for the role rows' combos.</extracomment>
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
        <name>RoleTableModel</name>
        <message>
            <source>Name</source>
            <extracomment>Labels of stored codes (a settings list's code → label), read when a page refreshes.</extracomment>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>Since</source>
            <translation>Depuis</translation>
        </message>
        <message>
            <source>Until</source>
            <translation>Jusqu’au</translation>
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
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Origine</translation>
        </message>
        <message>
            <source>First purchase</source>
            <translation>Premier achat</translation>
        </message>
        <message>
            <source>Revenue</source>
            <translation>Chiffre d’affaires</translation>
        </message>
        <message>
            <source>Client since</source>
            <translation>Client depuis</translation>
        </message>
        <message>
            <source>Dues</source>
            <translation>Cotisation</translation>
        </message>
        <message>
            <source>Paid until</source>
            <translation>Payée jusqu'au</translation>
        </message>
        <message>
            <source>Member since</source>
            <translation>Adhérent depuis</translation>
        </message>
        <message>
            <source>Function</source>
            <translation>Fonction</translation>
        </message>
        <message>
            <source>Teams</source>
            <translation>Équipes</translation>
        </message>
        <message>
            <source>Login</source>
            <translation>Identifiant</translation>
        </message>
    </context>
    <context>
        <name>RunPage</name>
        <message>
            <source>Import</source>
            <translation>Importer</translation>
        </message>
        <message>
            <source>Cancel the import</source>
            <translation>Interrompre l'import</translation>
        </message>
        <message>
            <source>Undo this import</source>
            <translation>Défaire cet import</translation>
        </message>
        <message>
            <source>Save rows in error…</source>
            <translation>Enregistrer les lignes en erreur…</translation>
        </message>
        <message>
            <source>Importing…</source>
            <translation>Import en cours…</translation>
        </message>
        <message>
            <source>Finishing: saving the new contacts and building the search indexes…</source>
            <translation>Finalisation : enregistrement des nouveaux contacts et construction des index de recherche…</translation>
        </message>
        <message>
            <source>Updating the contacts already there…</source>
            <translation>Mise à jour des contacts déjà présents…</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Interruption…</translation>
        </message>
        <message>
            <source>Import cancelled: nothing was written.</source>
            <translation>Import interrompu : rien n'a été écrit.</translation>
        </message>
        <message>
            <source>Import cancelled. What was written before the cancel can be undone.</source>
            <translation>Import interrompu. Ce qui a été écrit avant l'interruption peut être défait.</translation>
        </message>
        <message>
            <source>Another window or program is writing to this workspace, so nothing was imported. Import the file again once it is done.</source>
            <translation>Une autre fenêtre ou un autre programme écrit dans cet espace de travail : rien n’a donc été importé. Importez de nouveau le fichier quand il aura fini.</translation>
        </message>
        <message>
            <source>The import failed; nothing of the failed part was kept.</source>
            <translation>L'import a échoué ; rien de la partie en échec n'a été gardé.</translation>
        </message>
        <message>
            <source>The import failed.</source>
            <translation>L'import a échoué.</translation>
        </message>
    </context>
    <context>
        <name>ScopeDialog</name>
        <message>
            <source>Recurring appointment</source>
            <translation>Rendez-vous périodique</translation>
        </message>
        <message>
            <source>This occurrence only</source>
            <translation>Cette occurrence seulement</translation>
        </message>
        <message>
            <source>The whole series</source>
            <translation>Toute la série</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
    </context>
    <context>
        <name>SegmentBuilder</name>
        <message>
            <source>Conditions of the segment</source>
            <translation>Conditions du segment</translation>
        </message>
        <message>
            <source>Except those matching:</source>
            <translation>Sauf ceux qui remplissent :</translation>
        </message>
    </context>
    <context>
        <name>Segments</name>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
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
            <source>Department</source>
            <translation>Département</translation>
        </message>
        <message>
            <source>Tag</source>
            <translation>Étiquette</translation>
        </message>
        <message>
            <source>Group</source>
            <translation>Groupe</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Rôle</translation>
        </message>
        <message>
            <source>Dues status</source>
            <translation>État de la cotisation</translation>
        </message>
        <message>
            <source>Deal stage</source>
            <translation>Étape d'affaire</translation>
        </message>
        <message>
            <source>Deal status</source>
            <translation>Affaire</translation>
        </message>
        <message>
            <source>Bought article category</source>
            <translation>Catégorie d'article acheté</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>Created</source>
            <translation>Créé</translation>
        </message>
        <message>
            <source>Modified</source>
            <translation>Modifié</translation>
        </message>
        <message>
            <source>No activity</source>
            <translation>Aucune activité</translation>
        </message>
        <message>
            <source>during the last (days)</source>
            <translation>depuis (jours)</translation>
        </message>
        <message>
            <source>is</source>
            <translation>est</translation>
        </message>
        <message>
            <source>is the organisation</source>
            <translation>est l'organisation</translation>
        </message>
        <message>
            <source>works for</source>
            <translation>travaille pour</translation>
        </message>
        <message>
            <source>contains</source>
            <translation>contient</translation>
        </message>
        <message>
            <source>is exactly</source>
            <translation>est exactement</translation>
        </message>
        <message>
            <source>starts with</source>
            <translation>commence par</translation>
        </message>
        <message>
            <source>has</source>
            <translation>a</translation>
        </message>
        <message>
            <source>is in</source>
            <translation>est dans</translation>
        </message>
        <message>
            <source>is currently</source>
            <translation>est actuellement</translation>
        </message>
        <message>
            <source>is or was</source>
            <translation>est ou a été</translation>
        </message>
        <message>
            <source>before</source>
            <translation>avant le</translation>
        </message>
        <message>
            <source>after</source>
            <translation>après le</translation>
        </message>
        <message>
            <source>open</source>
            <translation>en cours</translation>
        </message>
        <message>
            <source>won</source>
            <translation>gagnée</translation>
        </message>
        <message>
            <source>lost</source>
            <translation>perdue</translation>
        </message>
        <message>
            <source>Any of these conditions</source>
            <translation>Au moins une de ces conditions</translation>
        </message>
        <message>
            <source>All of these conditions</source>
            <translation>Toutes ces conditions</translation>
        </message>
        <message>
            <source>Unknown condition “%1”.</source>
            <translation>Condition inconnue « %1 ».</translation>
        </message>
        <message>
            <source>The value “%1” is not valid here.</source>
            <translation>La valeur « %1 » n'est pas valable ici.</translation>
        </message>
        <message>
            <source>The tag “%1” was deleted.</source>
            <translation>L'étiquette « %1 » a été supprimée.</translation>
        </message>
        <message>
            <source>The group “%1” was deleted.</source>
            <translation>Le groupe « %1 » a été supprimé.</translation>
        </message>
        <message>
            <source>The pipeline stage “%1” was deleted.</source>
            <translation>L'étape « %1 » a été supprimée.</translation>
        </message>
        <message>
            <source>The organisation “%1” was deleted.</source>
            <translation>L'organisation « %1 » a été supprimée.</translation>
        </message>
        <message>
            <source>The category “%1” was deleted.</source>
            <translation>La catégorie « %1 » a été supprimée.</translation>
        </message>
        <message>
            <source>The state “%1” was deleted.</source>
            <translation>L'état « %1 » a été supprimé.</translation>
        </message>
        <message>
            <source>This condition cannot be used.</source>
            <translation>Cette condition ne peut pas être utilisée.</translation>
        </message>
        <message>
            <source>“%1”</source>
            <translation>« %1 »</translation>
        </message>
        <message>
            <source>Has the tag %1</source>
            <translation>A l'étiquette %1</translation>
        </message>
        <message>
            <source>Is in the group %1</source>
            <translation>Est dans le groupe %1</translation>
        </message>
        <message>
            <source>Has a deal at the stage %1</source>
            <translation>A une affaire à l'étape %1</translation>
        </message>
        <message>
            <source>Bought an article of the category %1</source>
            <translation>A acheté un article de la catégorie %1</translation>
        </message>
        <message>
            <source>Has an open deal</source>
            <translation>A une affaire en cours</translation>
        </message>
        <message>
            <source>Has a won deal</source>
            <translation>A une affaire gagnée</translation>
        </message>
        <message>
            <source>Has a lost deal</source>
            <translation>A une affaire perdue</translation>
        </message>
        <message>
            <source>No activity during the last %1 days</source>
            <translation>Aucune activité depuis %1 jours</translation>
        </message>
    </context>
    <context>
        <name>SegmentsPage</name>
        <message>
            <source>Segments</source>
            <extracomment>The live count of the definition being edited, once a worker has it.</extracomment>
            <translation>Segments</translation>
        </message>
        <message>
            <source>New segment</source>
            <translation>Nouveau segment</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Name:</source>
            <translation>Nom :</translation>
        </message>
        <message>
            <source>Name of the segment</source>
            <translation>Nom du segment</translation>
        </message>
        <message>
            <source>Clients who bought a training</source>
            <translation>Clients ayant acheté une formation</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Enregistrer</translation>
        </message>
        <message>
            <source>Save the segment (Ctrl+S)</source>
            <translation>Enregistrer le segment (Ctrl+S)</translation>
        </message>
        <message>
            <source>Plan tasks…</source>
            <translation>Planifier des tâches…</translation>
        </message>
        <message>
            <source>One task for each person of the segment (a follow-up call, a visit…)</source>
            <translation>Une tâche pour chaque personne du segment (un appel de relance, une visite…)</translation>
        </message>
        <message>
            <source>You can read this segment but not change it.</source>
            <translation>Vous pouvez consulter ce segment mais pas le modifier.</translation>
        </message>
        <message>
            <source>Search in the segment (Ctrl+F)</source>
            <translation>Chercher dans le segment (Ctrl+F)</translation>
        </message>
        <message>
            <source>Search in the segment</source>
            <translation>Chercher dans le segment</translation>
        </message>
        <message>
            <source>Why is this contact in the segment?</source>
            <translation>Pourquoi ce contact est-il dans le segment ?</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>new segment</source>
            <translation>nouveau segment</translation>
        </message>
        <message>
            <source>Discard the changes to “%1”?</source>
            <translation>Abandonner les modifications de « %1 » ?</translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) planned.</source>
            <translation>
                <numerusform>%n tâche planifiée.</numerusform>
                <numerusform>%n tâches planifiées.</numerusform>
            </translation>
        </message>
        <message>
            <source>Plan tasks</source>
            <translation>Planifier des tâches</translation>
        </message>
        <message>
            <source>Counting…</source>
            <translation>Comptage…</translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) match</source>
            <translation>
                <numerusform>%n contact correspond</numerusform>
                <numerusform>%n contacts correspondent</numerusform>
            </translation>
        </message>
        <message>
            <source>Some conditions match nobody until they are fixed:</source>
            <translation>Certaines conditions ne retiennent personne tant qu'elles ne sont pas corrigées :</translation>
        </message>
        <message>
            <source>Could not count: %1</source>
            <translation>Comptage impossible : %1</translation>
        </message>
        <message>
            <source>Save the segment</source>
            <translation>Enregistrer le segment</translation>
        </message>
        <message>
            <source>Someone else changed this segment meanwhile; it is shown again as they saved it.</source>
            <translation>Quelqu'un d'autre a modifié ce segment entre-temps ; il est réaffiché tel qu'il a été enregistré.</translation>
        </message>
        <message>
            <source>Segment “%1” saved.</source>
            <translation>Segment « %1 » enregistré.</translation>
        </message>
        <message>
            <source>Delete the segment “%1”? The contacts themselves stay.</source>
            <translation>Supprimer le segment « %1 » ? Les contacts eux-mêmes restent.</translation>
        </message>
        <message>
            <source>Segment “%1” deleted.</source>
            <translation>Segment « %1 » supprimé.</translation>
        </message>
        <message>
            <source>Select a contact to see why it is in the segment.</source>
            <translation>Sélectionnez un contact pour voir pourquoi il est dans le segment.</translation>
        </message>
        <message>
            <source>Why is %1 in it?</source>
            <translation>Pourquoi %1 en fait-il partie ?</translation>
        </message>
        <message>
            <source>%1 is not in it</source>
            <translation>%1 n'en fait pas partie</translation>
        </message>
        <message>
            <source>excluded</source>
            <translation>exclu</translation>
        </message>
        <message>
            <source>not excluded</source>
            <translation>non exclu</translation>
        </message>
        <message>
            <source>met</source>
            <translation>remplie</translation>
        </message>
        <message>
            <source>not met</source>
            <translation>non remplie</translation>
        </message>
        <message>
            <source>Except: %1</source>
            <translation>Sauf : %1</translation>
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
        <name>SettingsListsPage</name>
        <message numerus="yes">
            <source>%n contact role(s)</source>
            <translation>
                <numerusform>%n rôle de contact</numerusform>
                <numerusform>%n rôles de contacts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n article(s)</source>
            <translation>
                <numerusform>%n article</numerusform>
                <numerusform>%n articles</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n deal(s)</source>
            <translation>
                <numerusform>%n affaire</numerusform>
                <numerusform>%n affaires</numerusform>
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
            <source>%1 (inactive)</source>
            <extracomment>A rename was refused (duplicate, conflict...): the text to show.</extracomment>
            <translation>%1 (inactive)</translation>
        </message>
        <message>
            <source>Stored as “%1”</source>
            <translation>Enregistrée comme « %1 »</translation>
        </message>
        <message>
            <source>“%1” is already in this list.</source>
            <translation>« %1 » est déjà dans cette liste.</translation>
        </message>
        <message>
            <source>Someone changed this value meanwhile: try again.</source>
            <translation>Quelqu’un a modifié cette valeur entre-temps : réessayez.</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>“%1” is already a tag.</source>
            <translation>« %1 » est déjà une étiquette.</translation>
        </message>
        <message>
            <source>Tags</source>
            <translation>Étiquettes</translation>
        </message>
        <message>
            <source>Settings lists</source>
            <translation>Paramétrages</translation>
        </message>
        <message>
            <source>The values offered in forms and filters. Double-click a value to rename it; records keep pointing at it. A value in use cannot be deleted unless another one takes its place.</source>
            <translation>Les valeurs proposées dans les fiches et les filtres. Double-cliquez sur une valeur pour la renommer ; les fiches continuent d’y renvoyer. Une valeur utilisée ne peut être supprimée que si une autre prend sa place.</translation>
        </message>
        <message>
            <source>The values offered in forms and filters. Only administrators change them.</source>
            <translation>Les valeurs proposées dans les fiches et les filtres. Seuls les administrateurs les modifient.</translation>
        </message>
        <message>
            <source>Roles: states and categories</source>
            <translation>Rôles : états et catégories</translation>
        </message>
        <message>
            <source>Article categories</source>
            <translation>Catégories d’articles</translation>
        </message>
        <message>
            <source>VAT rates</source>
            <translation>Taux de TVA</translation>
        </message>
        <message>
            <source>Articles</source>
            <translation>Articles</translation>
        </message>
        <message>
            <source>Lost-deal reasons</source>
            <translation>Motifs de perte</translation>
        </message>
        <message>
            <source>Deal sources</source>
            <translation>Origines des affaires</translation>
        </message>
        <message>
            <source>Deals</source>
            <translation>Affaires</translation>
        </message>
        <message>
            <source>Pipeline stages</source>
            <translation>Étapes du pipeline</translation>
        </message>
    </context>
    <context>
        <name>SmsDialog</name>
        <message>
            <source>New SMS</source>
            <extracomment>Sent or logged (SmsResult).</extracomment>
            <translation>Nouveau SMS</translation>
        </message>
        <message>
            <source>Number</source>
            <translation>Numéro</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>Texte</translation>
        </message>
        <message>
            <source>Sent through the SMS gateway.</source>
            <translation>Envoyé par la passerelle SMS.</translation>
        </message>
        <message>
            <source>No SMS gateway is set up: the SMS will be logged as a task to send by hand.</source>
            <translation>Aucune passerelle SMS n'est configurée : le SMS sera enregistré comme une tâche à envoyer à la main.</translation>
        </message>
        <message>
            <source>Send</source>
            <translation>Envoyer</translation>
        </message>
        <message>
            <source>Log to send by hand</source>
            <translation>Enregistrer pour envoi à la main</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message numerus="yes">
            <source>%n character(s)</source>
            <translation>
                <numerusform>%n caractère</numerusform>
                <numerusform>%n caractères</numerusform>
            </translation>
        </message>
        <message>
            <source>Not sent: %1 It is kept in the outbox.</source>
            <translation>Non envoyé : %1 Il est conservé dans la boîte d'envoi.</translation>
        </message>
    </context>
    <context>
        <name>SubscriptionDialog</name>
        <message>
            <source>Edit a subscription</source>
            <translation>Modifier une cotisation</translation>
        </message>
        <message>
            <source>Record a subscription</source>
            <translation>Enregistrer une cotisation</translation>
        </message>
        <message>
            <source>Member *</source>
            <translation>Membre *</translation>
        </message>
        <message>
            <source>Membership *</source>
            <translation>Adhésion *</translation>
        </message>
        <message>
            <source>Period starts</source>
            <translation>Début de la période</translation>
        </message>
        <message>
            <source>35,00</source>
            <translation>35,00</translation>
        </message>
        <message>
            <source>Amount *</source>
            <translation>Montant *</translation>
        </message>
        <message>
            <source>Paid</source>
            <translation>Payée</translation>
        </message>
        <message>
            <source>Paid on</source>
            <translation>Payée le</translation>
        </message>
        <message>
            <source>on</source>
            <translation>le</translation>
        </message>
        <message>
            <source>Payment</source>
            <translation>Paiement</translation>
        </message>
        <message>
            <source>Payment method</source>
            <translation>Mode de paiement</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Note</translation>
        </message>
        <message>
            <source>A paid subscription gets the next receipt number of its year.</source>
            <translation>Une cotisation payée reçoit le numéro de reçu suivant de son année.</translation>
        </message>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation>Enregistrer (Ctrl+S)</translation>
        </message>
        <message>
            <source>Period: %1 to %2</source>
            <translation>Période : du %1 au %2</translation>
        </message>
        <message numerus="yes">
            <source>%n field(s) to correct before saving.</source>
            <translation>
                <numerusform>%n champ à corriger avant d'enregistrer.</numerusform>
                <numerusform>%n champs à corriger avant d'enregistrer.</numerusform>
            </translation>
        </message>
        <message>
            <source>Changed meanwhile</source>
            <translation>Modifié entre-temps</translation>
        </message>
        <message>
            <source>Someone changed this subscription meanwhile. Close the form and open it again.</source>
            <translation>Quelqu'un a modifié cette cotisation entre-temps. Fermez le formulaire et rouvrez-le.</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>Non enregistré</translation>
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
        <name>TagsEditor</name>
        <message>
            <source>Tags</source>
            <translation>Étiquettes</translation>
        </message>
        <message>
            <source>Colour…</source>
            <translation>Couleur…</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>New tag</source>
            <translation>Nouvelle étiquette</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>Ajouter</translation>
        </message>
        <message>
            <source>“%1” is already a tag.</source>
            <translation>« %1 » est déjà une étiquette.</translation>
        </message>
        <message>
            <source>Colour of “%1”</source>
            <translation>Couleur de « %1 »</translation>
        </message>
        <message>
            <source>Not changed</source>
            <translation>Non modifié</translation>
        </message>
        <message>
            <source>The colour could not be changed.</source>
            <translation>La couleur n’a pas pu être changée.</translation>
        </message>
        <message>
            <source>Delete the tag “%1”?</source>
            <translation>Supprimer l’étiquette « %1 » ?</translation>
        </message>
        <message>
            <source>Not deleted</source>
            <translation>Non supprimé</translation>
        </message>
        <message>
            <source>The tag could not be deleted.</source>
            <translation>L’étiquette n’a pas pu être supprimée.</translation>
        </message>
        <message numerus="yes">
            <source>Tag “%1” deleted; %n contact(s) moved.</source>
            <translation>
                <numerusform>Étiquette « %1 » supprimée ; %n contact reporté.</numerusform>
                <numerusform>Étiquette « %1 » supprimée ; %n contacts reportés.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TaskTableModel</name>
        <message>
            <source>Due</source>
            <extracomment>"Now" for the overdue colour (the page sets it from the session's clock).</extracomment>
            <translation>Échéance</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorité</translation>
        </message>
        <message>
            <source>Subject</source>
            <translation>Objet</translation>
        </message>
        <message>
            <source>With</source>
            <translation>Avec</translation>
        </message>
        <message>
            <source>Assigned to</source>
            <translation>Attribuée à</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>État</translation>
        </message>
    </context>
    <context>
        <name>TasksPage</name>
        <message>
            <source>Mine</source>
            <extracomment>An activity dialog was opened (tests follow it).</extracomment>
            <translation>Mes tâches</translation>
        </message>
        <message>
            <source>My team's</source>
            <translation>Mon équipe</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>En retard</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Aujourd'hui</translation>
        </message>
        <message>
            <source>This week</source>
            <translation>Cette semaine</translation>
        </message>
        <message>
            <source>All</source>
            <translation>Toutes</translation>
        </message>
        <message>
            <source>Tasks</source>
            <translation>Tâches</translation>
        </message>
        <message>
            <source>New task…</source>
            <translation>Nouvelle tâche…</translation>
        </message>
        <message>
            <source>Plan for several people…</source>
            <translation>Planifier pour plusieurs personnes…</translation>
        </message>
        <message>
            <source>Show done and cancelled</source>
            <translation>Voir aussi les faites et les annulées</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>Mark done</source>
            <translation>Marquer faite</translation>
        </message>
        <message>
            <source>Reopen</source>
            <translation>Rouvrir</translation>
        </message>
        <message numerus="yes">
            <source>%n task(s)</source>
            <translation>
                <numerusform>%n tâche</numerusform>
                <numerusform>%n tâches</numerusform>
            </translation>
        </message>
        <message>
            <source>No task here. Plan one with “New task…”.</source>
            <translation>Aucune tâche ici. Planifiez-en une avec « Nouvelle tâche… ».</translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) marked done.</source>
            <translation>
                <numerusform>%n tâche marquée faite.</numerusform>
                <numerusform>%n tâches marquées faites.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) reopened.</source>
            <translation>
                <numerusform>%n tâche rouverte.</numerusform>
                <numerusform>%n tâches rouvertes.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) planned.</source>
            <translation>
                <numerusform>%n tâche planifiée.</numerusform>
                <numerusform>%n tâches planifiées.</numerusform>
            </translation>
        </message>
        <message>
            <source>“%1” moved to the trash.</source>
            <translation>« %1 » mise à la corbeille.</translation>
        </message>
    </context>
    <context>
        <name>TeamPage</name>
        <message>
            <source>Users and rights</source>
            <translation>Utilisateurs et droits</translation>
        </message>
        <message>
            <source>Invite a person…</source>
            <translation>Inviter une personne…</translation>
        </message>
        <message>
            <source>Each person logs in to the shared database with their own login. Administrators manage people and settings, collaborators work on the records, readers only read. The server enforces these rights, also outside EkoCRM.</source>
            <translation>Chaque personne se connecte à la base partagée avec son propre identifiant. Les administrateurs gèrent les personnes et les réglages, les collaborateurs travaillent sur les fiches, les lecteurs consultent seulement. Le serveur applique ces droits, y compris en dehors d'EkoCRM.</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Login</source>
            <translation>Identifiant</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Rôle</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Change role…</source>
            <translation>Changer de rôle…</translation>
        </message>
        <message>
            <source>Disable login</source>
            <translation>Désactiver l'identifiant</translation>
        </message>
        <message>
            <source>New password…</source>
            <translation>Nouveau mot de passe…</translation>
        </message>
        <message>
            <source>Which records people see</source>
            <translation>Fiches visibles par chacun</translation>
        </message>
        <message>
            <source>Records seen by the role “%1”</source>
            <translation>Fiches visibles par le rôle « %1 »</translation>
        </message>
        <message>
            <source>Administrators see every record. A record marked private is seen only by the person looking after it.</source>
            <translation>Les administrateurs voient toutes les fiches. Une fiche marquée privée n'est visible que par son responsable.</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Actif</translation>
        </message>
        <message>
            <source>Disabled</source>
            <translation>Désactivé</translation>
        </message>
        <message numerus="yes">
            <source>%n person(s)</source>
            <translation>
                <numerusform>%n personne</numerusform>
                <numerusform>%n personnes</numerusform>
            </translation>
        </message>
        <message>
            <source>Enable login</source>
            <translation>Réactiver l'identifiant</translation>
        </message>
        <message>
            <source>%1 can now log in.</source>
            <translation>%1 peut maintenant se connecter.</translation>
        </message>
        <message>
            <source>Change role</source>
            <translation>Changer de rôle</translation>
        </message>
        <message>
            <source>Role of %1:</source>
            <translation>Rôle de %1 :</translation>
        </message>
        <message>
            <source>Role not changed</source>
            <translation>Rôle inchangé</translation>
        </message>
        <message>
            <source>%1 is now %2.</source>
            <translation>%1 est maintenant %2.</translation>
        </message>
        <message>
            <source>Stop %1 from logging in? Their records and history stay.</source>
            <translation>Empêcher %1 de se connecter ? Ses fiches et son historique restent.</translation>
        </message>
        <message>
            <source>Not changed</source>
            <translation>Non modifié</translation>
        </message>
        <message>
            <source>New password</source>
            <translation>Nouveau mot de passe</translation>
        </message>
        <message>
            <source>Give %1 a new password? The current one will stop working.</source>
            <translation>Donner un nouveau mot de passe à %1 ? L'actuel ne fonctionnera plus.</translation>
        </message>
        <message>
            <source>Password not changed</source>
            <translation>Mot de passe inchangé</translation>
        </message>
        <message>
            <source>Records seen by the role “%1”: %2</source>
            <translation>Fiches visibles par le rôle « %1 » : %2</translation>
        </message>
    </context>
    <context>
        <name>TeamTableModel</name>
        <message>
            <source>Team</source>
            <translation>Équipe</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Leader</source>
            <translation>Responsable</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>Membres</translation>
        </message>
    </context>
    <context>
        <name>TeamsPage</name>
        <message>
            <source>Geography</source>
            <translation>Géographie</translation>
        </message>
        <message>
            <source>Product line</source>
            <translation>Gamme de produits</translation>
        </message>
        <message>
            <source>Objective</source>
            <translation>Objectif</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Autre</translation>
        </message>
        <message>
            <source>Teams</source>
            <translation>Équipes</translation>
        </message>
        <message>
            <source>New team</source>
            <translation>Nouvelle équipe</translation>
        </message>
        <message>
            <source>Only administrators change teams; you can read them.</source>
            <translation>Seuls les administrateurs modifient les équipes ; vous pouvez les consulter.</translation>
        </message>
        <message>
            <source>Team</source>
            <translation>Équipe</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Organised by</source>
            <translation>Organisée par</translation>
        </message>
        <message>
            <source>Leader</source>
            <translation>Responsable</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>Membres</translation>
        </message>
        <message>
            <source>Tick the collaborators who are in the team.</source>
            <translation>Cochez les collaborateurs qui font partie de l’équipe.</translation>
        </message>
        <message>
            <source>Name *</source>
            <translation>Nom *</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Enregistrer</translation>
        </message>
        <message>
            <source>Delete the team</source>
            <translation>Supprimer l’équipe</translation>
        </message>
        <message numerus="yes">
            <source>%n team(s)</source>
            <translation>
                <numerusform>%n équipe</numerusform>
                <numerusform>%n équipes</numerusform>
            </translation>
        </message>
        <message>
            <source>(no leader)</source>
            <translation>(pas de responsable)</translation>
        </message>
        <message>
            <source>Team “%1” created.</source>
            <translation>Équipe « %1 » créée.</translation>
        </message>
        <message>
            <source>Team “%1” saved.</source>
            <translation>Équipe « %1 » enregistrée.</translation>
        </message>
        <message>
            <source>Another team already has this name.</source>
            <translation>Une autre équipe porte déjà ce nom.</translation>
        </message>
        <message>
            <source>Only collaborators can lead or join a team.</source>
            <translation>Seuls des collaborateurs peuvent diriger une équipe ou en faire partie.</translation>
        </message>
        <message>
            <source>Not saved</source>
            <translation>Non enregistré</translation>
        </message>
        <message>
            <source>Someone changed this team meanwhile: it was reloaded.</source>
            <translation>Quelqu’un a modifié cette équipe entre-temps : elle a été rechargée.</translation>
        </message>
        <message>
            <source>The team could not be saved.</source>
            <translation>L’équipe n’a pas pu être enregistrée.</translation>
        </message>
        <message numerus="yes">
            <source>Delete the team “%1”? Its %n collaborator(s) stay; only the team goes.</source>
            <translation>
                <numerusform>Supprimer l’équipe « %1 » ? Son collaborateur reste ; seule l’équipe disparaît.</numerusform>
                <numerusform>Supprimer l’équipe « %1 » ? Ses %n collaborateurs restent ; seule l’équipe disparaît.</numerusform>
            </translation>
        </message>
        <message>
            <source>Not deleted</source>
            <translation>Non supprimé</translation>
        </message>
        <message>
            <source>The team could not be deleted.</source>
            <translation>L’équipe n’a pas pu être supprimée.</translation>
        </message>
        <message>
            <source>Team “%1” deleted.</source>
            <translation>Équipe « %1 » supprimée.</translation>
        </message>
    </context>
    <context>
        <name>TimelinePanel</name>
        <message>
            <source>Log a call</source>
            <extracomment>The type filter's groups: calls and e-mails are each one choice. An activity dialog was opened (tests and the window keep track of it). How the record is named in a new activity's links. The record's phone numbers (E.164): one "call" button each logs a call to it. Its e-mail addresses: one click on one opens the composer (issue 5, part C).</extracomment>
            <translation>Noter un appel</translation>
        </message>
        <message>
            <source>Add a note</source>
            <translation>Ajouter une note</translation>
        </message>
        <message>
            <source>New task</source>
            <translation>Nouvelle tâche</translation>
        </message>
        <message>
            <source>New appointment</source>
            <translation>Nouveau rendez-vous</translation>
        </message>
        <message>
            <source>E-mail…</source>
            <translation>E-mail…</translation>
        </message>
        <message>
            <source>SMS…</source>
            <translation>SMS…</translation>
        </message>
        <message>
            <source>Show</source>
            <translation>Afficher</translation>
        </message>
        <message>
            <source>Type of activity shown</source>
            <translation>Type d'action affiché</translation>
        </message>
        <message>
            <source>Everything</source>
            <translation>Tout</translation>
        </message>
        <message>
            <source>Calls</source>
            <translation>Appels</translation>
        </message>
        <message>
            <source>E-mails</source>
            <translation>E-mails</translation>
        </message>
        <message>
            <source>Tasks only</source>
            <translation>Tâches seulement</translation>
        </message>
        <message>
            <source>Log a call to %1 now</source>
            <translation>Noter un appel au %1 maintenant</translation>
        </message>
        <message>
            <source>Write an e-mail to %1</source>
            <translation>Écrire un e-mail à %1</translation>
        </message>
        <message>
            <source>Drop .eml files here to log received e-mails</source>
            <translation>Déposez ici des fichiers .eml pour enregistrer des e-mails reçus</translation>
        </message>
        <message>
            <source>Nothing yet: log a call, add a note, plan a task or an appointment.</source>
            <translation>Rien pour l'instant : notez un appel, ajoutez une note, planifiez une tâche ou un rendez-vous.</translation>
        </message>
        <message>
            <source>Call to %1</source>
            <translation>Appel au %1</translation>
        </message>
        <message>
            <source>“%1” moved to the trash — Undo</source>
            <translation>« %1 » mise à la corbeille — Annuler</translation>
        </message>
    </context>
    <context>
        <name>TransferDialog</name>
        <message>
            <source>Copy or move to another workspace</source>
            <translation>Copier ou déplacer vers un autre espace</translation>
        </message>
        <message numerus="yes">
            <source>%n person(s) selected.</source>
            <translation>
                <numerusform>%n personne sélectionnée.</numerusform>
                <numerusform>%n personnes sélectionnées.</numerusform>
            </translation>
        </message>
        <message>
            <source>To the workspace:</source>
            <translation>Vers l'espace :</translation>
        </message>
        <message>
            <source>Copy (they stay here too)</source>
            <translation>Copier (les personnes restent aussi ici)</translation>
        </message>
        <message>
            <source>Move (erased from this workspace afterwards)</source>
            <translation>Déplacer (effacées de cet espace ensuite)</translation>
        </message>
        <message>
            <source>Their e-mails, phones, addresses, roles, tags, notes and organisations go; activities, deals and memberships stay in this workspace.</source>
            <translation>Leurs e-mails, téléphones, adresses, rôles, étiquettes, notes et organisations sont copiés ; les activités, affaires et adhésions restent dans cet espace.</translation>
        </message>
        <message>
            <source>Working…</source>
            <translation>En cours…</translation>
        </message>
        <message>
            <source>%1 copied, %2 already there, %3 refused.</source>
            <translation>%1 copiée(s), %2 déjà présente(s), %3 refusée(s).</translation>
        </message>
        <message>
            <source>Only an administrator can move people away.</source>
            <translation>Seul un administrateur peut déplacer des personnes hors de cet espace.</translation>
        </message>
        <message>
            <source>The other workspace could not be opened.</source>
            <translation>L'autre espace n'a pas pu être ouvert.</translation>
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
            <extracomment>(page key, role, icon) of the domain pages, in sidebar order.</extracomment>
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
            <source>A new shared database for a team (I administer the server)</source>
            <translation>Une nouvelle base partagée pour une équipe (j'administre le serveur)</translation>
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
            <source>Server administrator (used once, never stored)</source>
            <translation>Administrateur du serveur (utilisé une fois, jamais conservé)</translation>
        </message>
        <message>
            <source>Administrator login</source>
            <translation>Identifiant administrateur</translation>
        </message>
        <message>
            <source>Administrator password</source>
            <translation>Mot de passe administrateur</translation>
        </message>
        <message>
            <source>EkoCRM creates the database (or uses an empty one), its roles and its security, then your own login (the user and password above) as the team's first administrator.</source>
            <translation>EkoCRM crée la base (ou en utilise une vide), ses rôles et sa sécurité, puis votre propre identifiant (l'utilisateur et le mot de passe ci-dessus) comme premier administrateur de l'équipe.</translation>
        </message>
        <message>
            <source>Your first name</source>
            <translation>Votre prénom</translation>
        </message>
        <message>
            <source>Your last name</source>
            <translation>Votre nom</translation>
        </message>
        <message>
            <source>Create</source>
            <translation>Créer</translation>
        </message>
        <message>
            <source>Your new login</source>
            <translation>Votre nouvel identifiant</translation>
        </message>
        <message>
            <source>Your new password</source>
            <translation>Votre nouveau mot de passe</translation>
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
        <message>
            <source>Choose your own login (lower case letters, digits, . _ -).</source>
            <translation>Choisissez votre identifiant (minuscules, chiffres, . _ -).</translation>
        </message>
        <message>
            <source>Choose a password of at least 8 characters for your own login.</source>
            <translation>Choisissez un mot de passe d'au moins 8 caractères pour votre identifiant.</translation>
        </message>
        <message>
            <source>Creating the shared database…</source>
            <translation>Création de la base partagée…</translation>
        </message>
        <message>
            <source>The shared database was not created: %1</source>
            <translation>La base partagée n'a pas été créée : %1</translation>
        </message>
    </context>
    <context>
        <name>_Form</name>
        <message>
            <source>Save (Ctrl+S)</source>
            <extracomment>Lines table columns.</extracomment>
            <translation>Enregistrer (Ctrl+S)</translation>
        </message>
        <message numerus="yes">
            <source>%n field(s) to correct before saving.</source>
            <translation>
                <numerusform>%n champ à corriger avant d'enregistrer.</numerusform>
                <numerusform>%n champs à corriger avant d'enregistrer.</numerusform>
            </translation>
        </message>
        <message>
            <source>Discard your changes?</source>
            <translation>Abandonner vos modifications ?</translation>
        </message>
        <message>
            <source>Someone changed this meanwhile: close the form and open it again.</source>
            <translation>Quelqu'un l'a modifié entre-temps : fermez le formulaire et rouvrez-le.</translation>
        </message>
    </context>
</TS>