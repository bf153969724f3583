<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
    <context>
        <name>AddToGroupDialog</name>
        <message numerus="yes">
            <source>Add %n contact(s) to:</source>
            <translation>
                <numerusform>Add %n contact to:</numerusform>
                <numerusform>Add %n contacts to:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>AgendaPage</name>
        <message numerus="yes">
            <source>%n appointment(s) and task(s) shown</source>
            <translation>
                <numerusform>%n appointment or task shown</numerusform>
                <numerusform>%n appointments and tasks shown</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n appointment(s) exported.</source>
            <translation>
                <numerusform>%n appointment exported.</numerusform>
                <numerusform>%n appointments exported.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>AgendaView</name>
        <message numerus="yes">
            <source>+%n more</source>
            <translation>
                <numerusform>+%n more</numerusform>
                <numerusform>+%n more</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>AlertButton</name>
        <message numerus="yes">
            <source>%n open alert(s)</source>
            <translation>
                <numerusform>%n open alert</numerusform>
                <numerusform>%n open alerts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n alert(s)</source>
            <translation>
                <numerusform>%n alert</numerusform>
                <numerusform>%n alerts</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>AlertPopup</name>
        <message numerus="yes">
            <source>%n alert(s)</source>
            <translation>
                <numerusform>%n alert</numerusform>
                <numerusform>%n alerts</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ArticlesPage</name>
        <message numerus="yes">
            <source>%n article(s)</source>
            <translation>
                <numerusform>%n article</numerusform>
                <numerusform>%n articles</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n deal line(s) keep it.</source>
            <translation>
                <numerusform>%n deal line keeps it.</numerusform>
                <numerusform>%n deal lines keep it.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>AssembliesPage</name>
        <message numerus="yes">
            <source>%n answer(s) not counted: dues not up to date, or a proxy whose holder has not said they come.</source>
            <translation>
                <numerusform>%n answer not counted: dues not up to date, or a proxy whose holder has not said they come.</numerusform>
                <numerusform>%n answers not counted: dues not up to date, or a proxy whose holder has not said they come.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n answer(s) recorded: %1.</source>
            <translation>
                <numerusform>%n answer recorded: %1.</numerusform>
                <numerusform>%n answers recorded: %1.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n member(s) invited.</source>
            <translation>
                <numerusform>%n member invited.</numerusform>
                <numerusform>%n members invited.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Association</name>
        <message numerus="yes">
            <source>%n day(s) before the end</source>
            <translation>
                <numerusform>%n day before the end</numerusform>
                <numerusform>%n days before the end</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) after the end</source>
            <translation>
                <numerusform>%n day after the end</numerusform>
                <numerusform>%n days after the end</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>AudienceWidget</name>
        <message numerus="yes">
            <source>%n person(s) selected today.</source>
            <translation>
                <numerusform>%n person selected today.</numerusform>
                <numerusform>%n people selected today.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>BulkTaskDialog</name>
        <message numerus="yes">
            <source>%n person(s) will each get a task.</source>
            <translation>
                <numerusform>%n person will get a task.</numerusform>
                <numerusform>%n people will each get a task.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CampaignsPage</name>
        <message numerus="yes">
            <source>%n recipient(s)</source>
            <translation>
                <numerusform>%n recipient</numerusform>
                <numerusform>%n recipients</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>SMS of %n character(s)</source>
            <translation>
                <numerusform>SMS of %n character</numerusform>
                <numerusform>SMS of %n characters</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n call task(s) created.</source>
            <translation>
                <numerusform>%n call task created.</numerusform>
                <numerusform>%n call tasks created.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n letter(s) and their labels saved: %1</source>
            <translation>
                <numerusform>%n letter and its labels saved: %1</numerusform>
                <numerusform>%n letters and their labels saved: %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Done: %n message(s) sent, %1 refused (see the ledger).</source>
            <translation>
                <numerusform>Done: %n message sent, %1 refused (see the ledger).</numerusform>
                <numerusform>Done: %n messages sent, %1 refused (see the ledger).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Paused: %n message(s) left to send.</source>
            <translation>
                <numerusform>Paused: %n message left to send.</numerusform>
                <numerusform>Paused: %n messages left to send.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Done: %n message(s) sent.</source>
            <translation>
                <numerusform>Done: %n message sent.</numerusform>
                <numerusform>Done: %n messages sent.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n interrupted message(s) checked.</source>
            <translation>
                <numerusform>%n interrupted message checked.</numerusform>
                <numerusform>%n interrupted messages checked.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Follow-up ready for %n person(s): press Send.</source>
            <translation>
                <numerusform>Follow-up ready for %n person: press Send.</numerusform>
                <numerusform>Follow-up ready for %n people: press Send.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n bounce(s) recorded</source>
            <translation>
                <numerusform>%n bounce recorded</numerusform>
                <numerusform>%n bounces recorded</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n unsubscribe request(s)</source>
            <translation>
                <numerusform>%n unsubscribe request</numerusform>
                <numerusform>%n unsubscribe requests</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n other message(s) ignored</source>
            <translation>
                <numerusform>%n other message ignored</numerusform>
                <numerusform>%n other messages ignored</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n request(s) from a number or an address that no contact has: %1</source>
            <translation>
                <numerusform>%n request from a number or an address that no contact has: %1</numerusform>
                <numerusform>%n requests from a number or an address that no contact has: %1</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ChoiceListEditor</name>
        <message numerus="yes">
            <source>“%1” deleted; %n record(s) now use its replacement.</source>
            <translation>
                <numerusform>“%1” deleted; %n record now uses its replacement.</numerusform>
                <numerusform>“%1” deleted; %n records now use its replacement.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Comms</name>
        <message numerus="yes">
            <source>%n e-mail(s) logged.</source>
            <translation>
                <numerusform>%n e-mail logged.</numerusform>
                <numerusform>%n e-mails logged.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n already logged before.</source>
            <translation>
                <numerusform>%n already logged before.</numerusform>
                <numerusform>%n already logged before.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ContactsPage</name>
        <message numerus="yes">
            <source>%n contact(s) or more, counting…</source>
            <translation>
                <numerusform>%n contact or more, counting…</numerusform>
                <numerusform>%n contacts or more, counting…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) in the trash</source>
            <translation>
                <numerusform>%n contact in the trash</numerusform>
                <numerusform>%n contacts in the trash</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s)</source>
            <translation>
                <numerusform>%n contact</numerusform>
                <numerusform>%n contacts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) selected</source>
            <translation>
                <numerusform>%n contact selected</numerusform>
                <numerusform>%n contacts selected</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Move %n contact(s) to the trash?</source>
            <translation>
                <numerusform>Move %n contact to the trash?</numerusform>
                <numerusform>Move %n contacts to the trash?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) moved to the trash.</source>
            <translation>
                <numerusform>%n contact moved to the trash.</numerusform>
                <numerusform>%n contacts moved to the trash.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) added to “%1”.</source>
            <translation>
                <numerusform>%n contact added to “%1”.</numerusform>
                <numerusform>%n contacts added to “%1”.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) restored.</source>
            <translation>
                <numerusform>%n contact restored.</numerusform>
                <numerusform>%n contacts restored.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete %n contact(s) permanently? This cannot be undone.</source>
            <translation>
                <numerusform>Delete %n contact permanently? This cannot be undone.</numerusform>
                <numerusform>Delete %n contacts permanently? This cannot be undone.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) deleted permanently.</source>
            <translation>
                <numerusform>%n contact deleted permanently.</numerusform>
                <numerusform>%n contacts deleted permanently.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) exported.</source>
            <translation>
                <numerusform>%n contact exported.</numerusform>
                <numerusform>%n contacts exported.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DealDialog</name>
        <message numerus="yes">
            <source>%n field(s) to correct before saving.</source>
            <translation>
                <numerusform>%n field to correct before saving.</numerusform>
                <numerusform>%n fields to correct before saving.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DealsPage</name>
        <message numerus="yes">
            <source>%n open deal(s) — %1 (weighted %2)</source>
            <translation>
                <numerusform>%n open deal — %1 (weighted %2)</numerusform>
                <numerusform>%n open deals — %1 (weighted %2)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DomainPage</name>
        <message numerus="yes">
            <source>%n record(s) or more, counting…</source>
            <translation>
                <numerusform>%n record or more, counting…</numerusform>
                <numerusform>%n records or more, counting…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n record(s)</source>
            <translation>
                <numerusform>%n record</numerusform>
                <numerusform>%n records</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n record(s) selected</source>
            <translation>
                <numerusform>%n record selected</numerusform>
                <numerusform>%n records selected</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Convert %n prospect(s) into clients?</source>
            <translation>
                <numerusform>Convert %n prospect into a client?</numerusform>
                <numerusform>Convert %n prospects into clients?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n prospect(s) converted into clients.</source>
            <translation>
                <numerusform>%n prospect converted into a client.</numerusform>
                <numerusform>%n prospects converted into clients.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>End the role “%1” of %n record(s)? Its last day was yesterday.</source>
            <translation>
                <numerusform>End the role “%1” of %n record? Its last day was yesterday.</numerusform>
                <numerusform>End the role “%1” of %n records? Its last day was yesterday.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n role(s) ended.</source>
            <translation>
                <numerusform>%n role ended.</numerusform>
                <numerusform>%n roles ended.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DuplicatesPage</name>
        <message numerus="yes">
            <source>%n likely duplicate(s); the %1 most certain are listed first.</source>
            <translation>
                <numerusform>%n likely duplicate; the %1 most certain are listed first.</numerusform>
                <numerusform>%n likely duplicates; the %1 most certain are listed first.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n likely duplicate(s), most certain first.</source>
            <translation>
                <numerusform>%n likely duplicate, most certain first.</numerusform>
                <numerusform>%n likely duplicates, most certain first.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n linked record(s) had changed since and were left as they are.</source>
            <translation>
                <numerusform>%n linked record had changed since and was left as it is.</numerusform>
                <numerusform>%n linked records had changed since and were left as they are.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Exchange</name>
        <message numerus="yes">
            <source>%n row(s) read: %1 to create, %2 to update, %3 to skip, %4 in error.</source>
            <translation>
                <numerusform>%n row read: %1 to create, %2 to update, %3 to skip, %4 in error.</numerusform>
                <numerusform>%n rows read: %1 to create, %2 to update, %3 to skip, %4 in error.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n row(s): %1 created, %2 updated, %3 skipped, %4 in error.</source>
            <translation>
                <numerusform>%n row: %1 created, %2 updated, %3 skipped, %4 in error.</numerusform>
                <numerusform>%n rows: %1 created, %2 updated, %3 skipped, %4 in error.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new organisation(s) created for the people's organisations.</source>
            <translation>
                <numerusform>%n new organisation created for the people's organisations.</numerusform>
                <numerusform>%n new organisations created for the people's organisations.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Import undone: %n contact(s) removed</source>
            <translation>
                <numerusform>Import undone: %n contact removed</numerusform>
                <numerusform>Import undone: %n contacts removed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n contact(s) given back their previous values.</source>
            <translation>
                <numerusform>, %n contact given back its previous values.</numerusform>
                <numerusform>, %n contacts given back their previous values.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n subscription(s) or article(s) removed.</source>
            <translation>
                <numerusform>%n subscription or article removed.</numerusform>
                <numerusform>%n subscriptions or articles removed.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n article(s) given back their previous values.</source>
            <translation>
                <numerusform>%n article given back its previous values.</numerusform>
                <numerusform>%n articles given back their previous values.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) moved to the trash (only an administrator can delete for good).</source>
            <translation>
                <numerusform>%n contact moved to the trash (only an administrator can delete for good).</numerusform>
                <numerusform>%n contacts moved to the trash (only an administrator can delete for good).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) changed since the import were left as they are: %1</source>
            <translation>
                <numerusform>%n contact changed since the import was left as it is: %1</numerusform>
                <numerusform>%n contacts changed since the import were left as they are: %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n empty line(s) ignored.</source>
            <translation>
                <numerusform>%n empty line ignored.</numerusform>
                <numerusform>%n empty lines ignored.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n formula cell(s): the values last computed by the spreadsheet are imported.</source>
            <translation>
                <numerusform>%n formula cell: the value last computed by the spreadsheet is imported.</numerusform>
                <numerusform>%n formula cells: the values last computed by the spreadsheet are imported.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n photo(s) ignored.</source>
            <translation>
                <numerusform>%n photo ignored.</numerusform>
                <numerusform>%n photos ignored.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message numerus="yes">
            <source>The whole list as filtered (%n contact(s))</source>
            <translation>
                <numerusform>The whole list as filtered (%n contact)</numerusform>
                <numerusform>The whole list as filtered (%n contacts)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>The selected rows (%n)</source>
            <translation>
                <numerusform>The selected row (%n)</numerusform>
                <numerusform>The selected rows (%n)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FollowUpsPage</name>
        <message numerus="yes">
            <source>%n reminder(s) sent</source>
            <translation>
                <numerusform>%n reminder sent</numerusform>
                <numerusform>%n reminders sent</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n skipped (no address or refused e-mail)</source>
            <translation>
                <numerusform>, %n skipped (no address or refused e-mail)</numerusform>
                <numerusform>, %n skipped (no address or refused e-mail)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n letter(s) saved.</source>
            <translation>
                <numerusform>%n letter saved.</numerusform>
                <numerusform>%n letters saved.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n call task(s) created.</source>
            <translation>
                <numerusform>%n call task created.</numerusform>
                <numerusform>%n call tasks created.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>GroupsPage</name>
        <message numerus="yes">
            <source>%n member(s)</source>
            <translation>
                <numerusform>%n member</numerusform>
                <numerusform>%n members</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete the group “%1” (%n member(s))? The contacts themselves stay.</source>
            <translation>
                <numerusform>Delete the group “%1” (%n member)? The contacts themselves stay.</numerusform>
                <numerusform>Delete the group “%1” (%n members)? The contacts themselves stay.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) removed from the group.</source>
            <translation>
                <numerusform>%n contact removed from the group.</numerusform>
                <numerusform>%n contacts removed from the group.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) planned.</source>
            <translation>
                <numerusform>%n task planned.</numerusform>
                <numerusform>%n tasks planned.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>IcsReportDialog</name>
        <message numerus="yes">
            <source>%n appointment(s) created</source>
            <translation>
                <numerusform>%n appointment created</numerusform>
                <numerusform>%n appointments created</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n updated</source>
            <translation>
                <numerusform>%n updated</numerusform>
                <numerusform>%n updated</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n skipped</source>
            <translation>
                <numerusform>%n skipped</numerusform>
                <numerusform>%n skipped</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>JournalPage</name>
        <message numerus="yes">
            <source>%n activity(ies)</source>
            <translation>
                <numerusform>%n activity</numerusform>
                <numerusform>%n activities</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>KanbanColumn</name>
        <message numerus="yes">
            <source>%n deal(s) — %1 (weighted %2)</source>
            <extracomment>MIME type of a dragged card: the deal's id. (deal id, stage id, id of the card it was dropped below or None for the top)</extracomment>
            <translation>
                <numerusform>%n deal — %1 (weighted %2)</numerusform>
                <numerusform>%n deals — %1 (weighted %2)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Show more (%n left)</source>
            <translation>
                <numerusform>Show more (%n left)</numerusform>
                <numerusform>Show more (%n left)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MappingPage</name>
        <message numerus="yes">
            <source>%n column(s) imported</source>
            <translation>
                <numerusform>%n column imported</numerusform>
                <numerusform>%n columns imported</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MembershipPage</name>
        <message numerus="yes">
            <source>%n reminder(s) due today</source>
            <translation>
                <numerusform>%n reminder due today</numerusform>
                <numerusform>%n reminders due today</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n letter(s) written in the reminders log.</source>
            <translation>
                <numerusform>%n letter written in the reminders log.</numerusform>
                <numerusform>%n letters written in the reminders log.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>MergeLabels</name>
        <message numerus="yes">
            <source>%n deal(s)</source>
            <translation>
                <numerusform>%n deal</numerusform>
                <numerusform>%n deals</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n deal(s) followed</source>
            <translation>
                <numerusform>%n deal followed</numerusform>
                <numerusform>%n deals followed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n deal contact(s)</source>
            <translation>
                <numerusform>%n deal contact</numerusform>
                <numerusform>%n deal contacts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n group(s)</source>
            <translation>
                <numerusform>%n group</numerusform>
                <numerusform>%n groups</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n team(s) led</source>
            <translation>
                <numerusform>%n team led</numerusform>
                <numerusform>%n teams led</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n team(s)</source>
            <translation>
                <numerusform>%n team</numerusform>
                <numerusform>%n teams</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n subscription(s)</source>
            <translation>
                <numerusform>%n subscription</numerusform>
                <numerusform>%n subscriptions</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n dues reminder(s)</source>
            <translation>
                <numerusform>%n dues reminder</numerusform>
                <numerusform>%n dues reminders</numerusform>
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
                <numerusform>%n proxyy held</numerusform>
                <numerusform>%n proxyies held</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n news item(s) received</source>
            <translation>
                <numerusform>%n news item received</numerusform>
                <numerusform>%n news items received</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) looked after</source>
            <translation>
                <numerusform>%n contact looked after</numerusform>
                <numerusform>%n contacts looked after</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n person(s) working there</source>
            <translation>
                <numerusform>%n person working there</numerusform>
                <numerusform>%n people working there</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n login(s)</source>
            <translation>
                <numerusform>%n login</numerusform>
                <numerusform>%n logins</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n other linked record(s)</source>
            <translation>
                <numerusform>%n other linked record</numerusform>
                <numerusform>%n other linked records</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%1 has %n linked record(s) private to colleagues, which you cannot move: merging would leave them on the record sent to the trash, so nothing was merged. Ask their owners to share them, or to merge these records themselves.</source>
            <translation>
                <numerusform>%1 has %n linked record private to a colleague, which you cannot move: merging would leave it on the record sent to the trash, so nothing was merged. Ask its owner to share it, or to merge these records themselves.</numerusform>
                <numerusform>%1 has %n linked records private to colleagues, which you cannot move: merging would leave them on the record sent to the trash, so nothing was merged. Ask their owners to share them, or to merge these records themselves.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>NewsPage</name>
        <message numerus="yes">
            <source>%n unread</source>
            <translation>
                <numerusform>%n unread</numerusform>
                <numerusform>%n unread</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n item(s) marked as read.</source>
            <translation>
                <numerusform>%n item marked as read.</numerusform>
                <numerusform>%n items marked as read.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>News published: %n person(s) listed for the e-mail.</source>
            <translation>
                <numerusform>News published: %n person listed for the e-mail.</numerusform>
                <numerusform>News published: %n people listed for the e-mail.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PartyDialog</name>
        <message numerus="yes">
            <source>%n field(s) to correct before saving.</source>
            <translation>
                <numerusform>%n field to correct before saving.</numerusform>
                <numerusform>%n fields to correct before saving.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PipelineStagesEditor</name>
        <message numerus="yes">
            <source>“%1” holds %n deal(s): move them to another stage first.</source>
            <translation>
                <numerusform>“%1” holds %n deal: move it to another stage first.</numerusform>
                <numerusform>“%1” holds %n deals: move them to another stage first.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PreviewPage</name>
        <message numerus="yes">
            <source>CSV file, encoding %1, separator %2, %n column(s).</source>
            <translation>
                <numerusform>CSV file, encoding %1, separator %2, %n column.</numerusform>
                <numerusform>CSV file, encoding %1, separator %2, %n columns.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Excel workbook, first sheet, %n column(s).</source>
            <translation>
                <numerusform>Excel workbook, first sheet, %n column.</numerusform>
                <numerusform>Excel workbook, first sheet, %n columns.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReportsPage</name>
        <message numerus="yes">
            <source>%n page(s)</source>
            <translation>
                <numerusform>%n page</numerusform>
                <numerusform>%n pages</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RetentionDialog</name>
        <message numerus="yes">
            <source>%n person(s) concerned.</source>
            <translation>
                <numerusform>%n person concerned.</numerusform>
                <numerusform>%n people concerned.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Erase %n person(s) for good? This cannot be undone.</source>
            <translation>
                <numerusform>Erase %n person for good? This cannot be undone.</numerusform>
                <numerusform>Erase %n people for good? This cannot be undone.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SegmentsPage</name>
        <message numerus="yes">
            <source>%n task(s) planned.</source>
            <translation>
                <numerusform>%n task planned.</numerusform>
                <numerusform>%n tasks planned.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) match</source>
            <translation>
                <numerusform>%n contact matches</numerusform>
                <numerusform>%n contacts match</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SettingsListsPage</name>
        <message numerus="yes">
            <source>%n contact role(s)</source>
            <translation>
                <numerusform>%n contact role</numerusform>
                <numerusform>%n contact roles</numerusform>
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
                <numerusform>%n deal</numerusform>
                <numerusform>%n deals</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s)</source>
            <translation>
                <numerusform>%n contact</numerusform>
                <numerusform>%n contacts</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SmsDialog</name>
        <message numerus="yes">
            <source>%n character(s)</source>
            <translation>
                <numerusform>%n character</numerusform>
                <numerusform>%n characters</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>SubscriptionDialog</name>
        <message numerus="yes">
            <source>%n field(s) to correct before saving.</source>
            <translation>
                <numerusform>%n field to correct before saving.</numerusform>
                <numerusform>%n fields to correct before saving.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TagsEditor</name>
        <message numerus="yes">
            <source>Tag “%1” deleted; %n contact(s) moved.</source>
            <translation>
                <numerusform>Tag “%1” deleted; %n contact moved.</numerusform>
                <numerusform>Tag “%1” deleted; %n contacts moved.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TasksPage</name>
        <message numerus="yes">
            <source>%n task(s)</source>
            <translation>
                <numerusform>%n task</numerusform>
                <numerusform>%n tasks</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) marked done.</source>
            <translation>
                <numerusform>%n task marked done.</numerusform>
                <numerusform>%n tasks marked done.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) reopened.</source>
            <translation>
                <numerusform>%n task reopened.</numerusform>
                <numerusform>%n tasks reopened.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n task(s) planned.</source>
            <translation>
                <numerusform>%n task planned.</numerusform>
                <numerusform>%n tasks planned.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TeamPage</name>
        <message numerus="yes">
            <source>%n person(s)</source>
            <translation>
                <numerusform>%n person</numerusform>
                <numerusform>%n people</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TeamsPage</name>
        <message numerus="yes">
            <source>%n team(s)</source>
            <translation>
                <numerusform>%n team</numerusform>
                <numerusform>%n teams</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Delete the team “%1”? Its %n collaborator(s) stay; only the team goes.</source>
            <translation>
                <numerusform>Delete the team “%1”? Its collaborator stays; only the team goes.</numerusform>
                <numerusform>Delete the team “%1”? Its %n collaborators stay; only the team goes.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TransferDialog</name>
        <message numerus="yes">
            <source>%n person(s) selected.</source>
            <translation>
                <numerusform>%n person selected.</numerusform>
                <numerusform>%n people selected.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>_Form</name>
        <message numerus="yes">
            <source>%n field(s) to correct before saving.</source>
            <translation>
                <numerusform>%n field to correct before saving.</numerusform>
                <numerusform>%n fields to correct before saving.</numerusform>
            </translation>
        </message>
    </context>
</TS>