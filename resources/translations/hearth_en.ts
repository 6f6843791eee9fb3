<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>BankImportPlanner</name>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already imported</source>
        <translation>
            <numerusform>%n already imported</numerusform>
            <numerusform>%n already imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matching what you typed</source>
        <translation>
            <numerusform>%n matching what you typed</numerusform>
            <numerusform>%n matching what you typed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n outside %1</source>
        <translation>
            <numerusform>%n outside %1</numerusform>
            <numerusform>%n outside %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed from the budget earlier</source>
        <translation>
            <numerusform>%n removed from the budget earlier</numerusform>
            <numerusform>%n removed from the budget earlier</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BankImporter</name>
    <message numerus="yes">
        <source>Imported %n transaction(s) into %1</source>
        <translation>
            <numerusform>Imported %n transaction into %1</numerusform>
            <numerusform>Imported %n transactions into %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already imported</source>
        <translation>
            <numerusform>%n already imported</numerusform>
            <numerusform>%n already imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n matched</source>
        <translation>
            <numerusform>%n matched</numerusform>
            <numerusform>%n matched</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n out of month skipped</source>
        <translation>
            <numerusform>%n out of month skipped</numerusform>
            <numerusform>%n out of month skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed earlier skipped</source>
        <translation>
            <numerusform>%n removed earlier skipped</numerusform>
            <numerusform>%n removed earlier skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Collections</name>
    <message numerus="yes">
        <source>%1 added a receipt from %2 (%n item(s))</source>
        <translation>
            <numerusform>%1 added a receipt from %2 (%n item)</numerusform>
            <numerusform>%1 added a receipt from %2 (%n items)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 imported %n transaction(s) into %2</source>
        <translation>
            <numerusform>%1 imported %n transaction into %2</numerusform>
            <numerusform>%1 imported %n transactions into %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 bought %n item(s) for %2</source>
        <translation>
            <numerusform>%1 bought %n item for %2</numerusform>
            <numerusform>%1 bought %n items for %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message numerus="yes">
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n point</numerusform>
            <numerusform>%n points</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::AdjustPointsDialog</name>
    <message numerus="yes">
        <source>%1 has %n point(s) now.</source>
        <translation>
            <numerusform>%1 has %n point now.</numerusform>
            <numerusform>%1 has %n points now.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::Banner</name>
    <message numerus="yes">
        <source>%n change(s) you made are kept in memory and will be saved and shown as soon as space is freed on this device. Quitting Hearth now would lose them.</source>
        <translation>
            <numerusform>%n change you made is kept in memory and will be saved and shown as soon as space is freed on this device. Quitting Hearth now would lose it.</numerusform>
            <numerusform>%n changes you made are kept in memory and will be saved and shown as soon as space is freed on this device. Quitting Hearth now would lose them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::BoardColumnView</name>
    <message numerus="yes">
        <source>%n to get</source>
        <translation>
            <numerusform>%n to get</numerusform>
            <numerusform>%n to get</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n card(s)</source>
        <translation>
            <numerusform>%n card</numerusform>
            <numerusform>%n cards</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete the column “%1” and the %n card(s) in it?</source>
        <translation>
            <numerusform>Delete the column “%1” and the %n card in it?</numerusform>
            <numerusform>Delete the column “%1” and the %n cards in it?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation>
            <numerusform>%n done</numerusform>
            <numerusform>%n done</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::BoardPage</name>
    <message numerus="yes">
        <source>%n to buy</source>
        <translation>
            <numerusform>%n to buy</numerusform>
            <numerusform>%n to buy</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in the cart</source>
        <translation>
            <numerusform>%n in the cart</numerusform>
            <numerusform>%n in the cart</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear %n done item(s)</source>
        <translation>
            <numerusform>Clear %n done item</numerusform>
            <numerusform>Clear %n done items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation>
            <numerusform>%n done</numerusform>
            <numerusform>%n done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove the %n done item(s) from the board? You can undo this.</source>
        <translation>
            <numerusform>Remove the %n done item from the board? You can undo this.</numerusform>
            <numerusform>Remove the %n done items from the board? You can undo this.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n card(s) changed by someone else at the same time as you; theirs was kept. Click the amber dot on a card to keep yours instead.</source>
        <translation>
            <numerusform>%n card changed by someone else at the same time as you; theirs was kept. Click the amber dot on a card to keep yours instead.</numerusform>
            <numerusform>%n cards changed by someone else at the same time as you; theirs was kept. Click the amber dot on a card to keep yours instead.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::BudgetPage</name>
    <message numerus="yes">
        <source>%n transaction(s)</source>
        <translation>
            <numerusform>%n transaction</numerusform>
            <numerusform>%n transactions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 left — about %2 a day for the %n day(s) to go.</source>
        <translation>
            <numerusform>%1 left — about %2 a day for the %n day to go.</numerusform>
            <numerusform>%1 left — about %2 a day for the %n days to go.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n category(ies)</source>
        <translation>
            <numerusform>in %n category</numerusform>
            <numerusform>in %n categories</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ChoresModel</name>
    <message numerus="yes">
        <source>Every %n day(s)</source>
        <translation>
            <numerusform>Every %n day</numerusform>
            <numerusform>Every %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ChoresPage</name>
    <message numerus="yes">
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n point</numerusform>
            <numerusform>%n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n chore(s) done today — well done, everyone!</source>
        <translation>
            <numerusform>All %n chore done today — well done, everyone!</numerusform>
            <numerusform>All %n chores done today — well done, everyone!</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chore(s) left today</source>
        <translation>
            <numerusform>%n chore left today</numerusform>
            <numerusform>%n chores left today</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting for approval</source>
        <translation>
            <numerusform>%n waiting for approval</numerusform>
            <numerusform>%n waiting for approval</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n earlier entry(ies)</source>
        <translation>
            <numerusform>and %n earlier entry</numerusform>
            <numerusform>and %n earlier entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n left</source>
        <translation>
            <numerusform>%n left</numerusform>
            <numerusform>%n left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ConnectionIndicator</name>
    <message numerus="yes">
        <source>%n online</source>
        <translation>
            <numerusform>%n online</numerusform>
            <numerusform>%n online</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This computer hosts the household; %n other device(s) connected. Click for the address and invite code.</source>
        <translation>
            <numerusform>This computer hosts the household; %n other device connected. Click for the address and invite code.</numerusform>
            <numerusform>This computer hosts the household; %n other devices connected. Click for the address and invite code.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting to send</source>
        <translation>
            <numerusform>%n waiting to send</numerusform>
            <numerusform>%n waiting to send</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved on this device, waiting for the host to confirm: %n change(s).</source>
        <translation>
            <numerusform>Saved on this device, waiting for the host to confirm: %n change.</numerusform>
            <numerusform>Saved on this device, waiting for the host to confirm: %n changes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::CsvMappingDialog</name>
    <message numerus="yes">
        <source>%n preview row(s) read correctly.</source>
        <translation>
            <numerusform>%n preview row read correctly.</numerusform>
            <numerusform>%n preview rows read correctly.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::EventIngredientDialog</name>
    <message numerus="yes">
        <source>For the recipe&apos;s %n serving(s); the shopping list scales it.</source>
        <translation>
            <numerusform>For the recipe's %n serving; the shopping list scales it.</numerusform>
            <numerusform>For the recipe's %n servings; the shopping list scales it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::EventPurchaseDialog</name>
    <message numerus="yes">
        <source>Bought %n item(s)</source>
        <translation>
            <numerusform>Bought %n item</numerusform>
            <numerusform>Bought %n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::EventsPage</name>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) coming up</source>
        <translation>
            <numerusform>%n event coming up</numerusform>
            <numerusform>%n events coming up</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n guest(s)</source>
        <translation>
            <numerusform>%n guest</numerusform>
            <numerusform>%n guests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n can start</source>
        <translation>
            <numerusform>%n can start</numerusform>
            <numerusform>%n can start</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 for %n serving(s)</source>
        <translation>
            <numerusform>%1 for %n serving</numerusform>
            <numerusform>%1 for %n servings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Bought %n item(s) for %1</source>
        <translation>
            <numerusform>Bought %n item for %1</numerusform>
            <numerusform>Bought %n items for %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::GiftsPage</name>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n idea(s) waiting for someone to claim them</source>
        <translation>
            <numerusform>%n idea waiting for someone to claim them</numerusform>
            <numerusform>%n ideas waiting for someone to claim them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n claimed gift(s) still to buy</source>
        <translation>
            <numerusform>%n claimed gift still to buy</numerusform>
            <numerusform>%n claimed gifts still to buy</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::GoalsPage</name>
    <message numerus="yes">
        <source>in %n month(s)</source>
        <translation>
            <numerusform>in %n month</numerusform>
            <numerusform>in %n months</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::HostDialog</name>
    <message numerus="yes">
        <source>%n device(s) connected</source>
        <translation>
            <numerusform>%n device connected</numerusform>
            <numerusform>%n devices connected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::HouseholdSession</name>
    <message numerus="yes">
        <source>Up to date: %n change(s) by others arrived while this device was away.</source>
        <translation>
            <numerusform>Up to date: %n change by others arrived while this device was away.</numerusform>
            <numerusform>Up to date: %n changes by others arrived while this device was away.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ImportFlow</name>
    <message numerus="yes">
        <source>Importing %n row(s)…</source>
        <translation>
            <numerusform>Importing %n row…</numerusform>
            <numerusform>Importing %n rows…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n transaction(s) into %1</source>
        <translation>
            <numerusform>Imported %n transaction into %1</numerusform>
            <numerusform>Imported %n transactions into %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n matched</source>
        <translation>
            <numerusform>; %n matched</numerusform>
            <numerusform>; %n matched</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ImportPreviewDialog</name>
    <message numerus="yes">
        <source>Import %n row(s)</source>
        <translation>
            <numerusform>Import %n row</numerusform>
            <numerusform>Import %n rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::LinkPreview</name>
    <message numerus="yes">
        <source>The page did not answer within %n second(s).</source>
        <translation>
            <numerusform>The page did not answer within %n second.</numerusform>
            <numerusform>The page did not answer within %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::MainWindow</name>
    <message numerus="yes">
        <source>%1 — saved on this device, %n change(s) waiting to send</source>
        <translation>
            <numerusform>%1 — saved on this device, %n change waiting to send</numerusform>
            <numerusform>%1 — saved on this device, %n changes waiting to send</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) could not be saved because the disk is full. Quit anyway and lose them? If you free some space first, Hearth saves them on its own.</source>
        <translation>
            <numerusform>%n change could not be saved because the disk is full. Quit anyway and lose it? If you free some space first, Hearth saves it on its own.</numerusform>
            <numerusform>%n changes could not be saved because the disk is full. Quit anyway and lose them? If you free some space first, Hearth saves them on its own.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::MemberPicker</name>
    <message numerus="yes">
        <source>That is not the right PIN. %n attempt(s) left.</source>
        <translation>
            <numerusform>That is not the right PIN. %n attempt left.</numerusform>
            <numerusform>That is not the right PIN. %n attempts left.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::NextEventCard</name>
    <message numerus="yes">
        <source>%n can start</source>
        <translation>
            <numerusform>%n can start</numerusform>
            <numerusform>%n can start</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::Notifier</name>
    <message numerus="yes">
        <source>Expiring tomorrow: %n pantry item(s)</source>
        <translation>
            <numerusform>Expiring tomorrow: %n pantry item</numerusform>
            <numerusform>Expiring tomorrow: %n pantry items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 asked for %2 (%n point(s)).</source>
        <translation>
            <numerusform>%1 asked for %2 (%n point).</numerusform>
            <numerusform>%1 asked for %2 (%n points).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Expiring today: %n pantry item(s)</source>
        <translation>
            <numerusform>Expiring today: %n pantry item</numerusform>
            <numerusform>Expiring today: %n pantry items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in %n day(s)</source>
        <translation>
            <numerusform>%1 in %n day</numerusform>
            <numerusform>%1 in %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::PantryCard</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing expires in the next %n day(s).</source>
        <translation>
            <numerusform>Nothing expires in the next %n day.</numerusform>
            <numerusform>Nothing expires in the next %n days.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::PantryModel</name>
    <message numerus="yes">
        <source>%n pc(s)</source>
        <translation>
            <numerusform>%n pc</numerusform>
            <numerusform>%n pcs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pot(s)</source>
        <translation>
            <numerusform>%n pot</numerusform>
            <numerusform>%n pots</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pack(s)</source>
        <translation>
            <numerusform>%n pack</numerusform>
            <numerusform>%n packs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bag(s)</source>
        <translation>
            <numerusform>%n bag</numerusform>
            <numerusform>%n bags</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bulb(s)</source>
        <translation>
            <numerusform>%n bulb</numerusform>
            <numerusform>%n bulbs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tin(s)</source>
        <translation>
            <numerusform>%n tin</numerusform>
            <numerusform>%n tins</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n jar(s)</source>
        <translation>
            <numerusform>%n jar</numerusform>
            <numerusform>%n jars</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tub(s)</source>
        <translation>
            <numerusform>%n tub</numerusform>
            <numerusform>%n tubs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bottle(s)</source>
        <translation>
            <numerusform>%n bottle</numerusform>
            <numerusform>%n bottles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n can(s)</source>
        <translation>
            <numerusform>%n can</numerusform>
            <numerusform>%n cans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n roll(s)</source>
        <translation>
            <numerusform>%n roll</numerusform>
            <numerusform>%n rolls</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::PantryPage</name>
    <message numerus="yes">
        <source>Only what expires in the next %n day(s) or has expired</source>
        <translation>
            <numerusform>Only what expires in the next %n day or has expired</numerusform>
            <numerusform>Only what expires in the next %n days or has expired</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n item(s) from the pantry? You can undo this.</source>
        <translation>
            <numerusform>Delete %n item from the pantry? You can undo this.</numerusform>
            <numerusform>Delete %n items from the pantry? You can undo this.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n item(s)</source>
        <translation>
            <numerusform>Delete %n item</numerusform>
            <numerusform>Delete %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing expires in the next %n day(s) — well done.</source>
        <translation>
            <numerusform>Nothing expires in the next %n day — well done.</numerusform>
            <numerusform>Nothing expires in the next %n days — well done.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n expiring soon</source>
        <translation>
            <numerusform>%n expiring soon</numerusform>
            <numerusform>%n expiring soon</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n already expired)</source>
        <translation>
            <numerusform>(%n already expired)</numerusform>
            <numerusform>(%n already expired)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::PantrySection</name>
    <message numerus="yes">
        <source>Nothing expires in the next %n day(s).</source>
        <translation>
            <numerusform>Nothing expires in the next %n day.</numerusform>
            <numerusform>Nothing expires in the next %n days.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::PayOutDialog</name>
    <message numerus="yes">
        <source>%1 has %n point(s). 10 points make %2.</source>
        <translation>
            <numerusform>%1 has %n point. 10 points make %2.</numerusform>
            <numerusform>%1 has %n points. 10 points make %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ReceiptsModel</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ReceiptsPanel</name>
    <message numerus="yes">
        <source>%n receipt(s)</source>
        <translation>
            <numerusform>%n receipt</numerusform>
            <numerusform>%n receipts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Also remove the %n budget transaction(s) it added and take back what it added to the pantry? Cancel keeps them.</source>
        <translation>
            <numerusform>Also remove the %n budget transaction it added and take back what it added to the pantry? Cancel keeps them.</numerusform>
            <numerusform>Also remove the %n budget transactions it added and take back what it added to the pantry? Cancel keeps them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::RewardsModel</name>
    <message numerus="yes">
        <source>%n left</source>
        <translation>
            <numerusform>%n left</numerusform>
            <numerusform>%n left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ShoppingCard</name>
    <message numerus="yes">
        <source>%n card(s)</source>
        <translation>
            <numerusform>%n card</numerusform>
            <numerusform>%n cards</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::ShoppingSection</name>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hearth::StatementReader</name>
    <message numerus="yes">
        <source>the row has only %n column(s)</source>
        <translation>
            <numerusform>the row has only %n column</numerusform>
            <numerusform>the row has only %n columns</numerusform>
        </translation>
    </message>
</context>
</TS>
