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