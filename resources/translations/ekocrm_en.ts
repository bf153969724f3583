<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
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
        <name>PartyDialog</name>
        <message numerus="yes">
            <source>%n field(s) to correct before saving.</source>
            <translation>
                <numerusform>%n field to correct before saving.</numerusform>
                <numerusform>%n fields to correct before saving.</numerusform>
            </translation>
        </message>
    </context>
</TS>