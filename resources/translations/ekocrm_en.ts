<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
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