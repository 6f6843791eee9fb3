#pragma once

// Every collection a household holds, in dependency order: a collection comes after every
// collection its rows refer to. That is the order tables are made, and collections are fetched,
// replaced and filled in. Adding a household system is one line here, X(Enumerator, definition);
// the definition — `const CollectionSpec &definition()` — lives in the system's own file under
// models/collections/ (docs/architecture.md, "Adding a collection").
#define HEARTH_COLLECTIONS(X)                                                                                          \
    X(Household, householdCollection)                                                                                  \
    X(Members, membersCollection)                                                                                      \
    X(EventPlans, eventPlansCollection)                                                                                \
    X(Pantry, pantryCollection)                                                                                        \
    X(Receipts, receiptsCollection)                                                                                    \
    X(Transactions, transactionsCollection)                                                                            \
    X(Goals, goalsCollection)                                                                                          \
    X(BoardColumns, boardColumnsCollection)                                                                            \
    X(BoardCards, boardCardsCollection)                                                                                \
    X(Chores, choresCollection)                                                                                        \
    X(ChoreCompletions, choreCompletionsCollection)                                                                    \
    X(Rewards, rewardsCollection)                                                                                      \
    X(Redemptions, redemptionsCollection)                                                                              \
    X(WalletEntries, walletEntriesCollection)                                                                          \
    X(BankImports, bankImportsCollection)                                                                              \
    X(RemovedBankRows, removedBankRowsCollection)                                                                      \
    X(GiftPeople, giftPeopleCollection)                                                                                \
    X(Occasions, occasionsCollection)                                                                                  \
    X(GiftItems, giftItemsCollection)                                                                                  \
    X(EventRoles, eventRolesCollection)                                                                                \
    X(EventTasks, eventTasksCollection)                                                                                \
    X(EventDishes, eventDishesCollection)                                                                              \
    X(EventIngredients, eventIngredientsCollection)                                                                    \
    X(EventPurchases, eventPurchasesCollection)
