#pragma once

#include "Page.h"

class QFrame;
class QLabel;
class QTimer;
class QVBoxLayout;

namespace hearth {

class HouseholdData;
class MeterBar;

// The first thing a family sees: one card per area, each a summary that opens its page.
class DashboardPage final : public Page
{
    Q_OBJECT

public:
    // Its place in the window (views/Pages.cpp).
    inline static const QString kId = QStringLiteral("dashboard");
    static PageRegistration registration();

    explicit DashboardPage(HouseholdData &data, QWidget *parent = nullptr);

    // Text shown on each card, for tests and accessibility.
    QString pantryText() const;
    QString budgetText() const;
    QString goalsText() const;
    QString shoppingText() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QFrame *addCard(const QString &pageId, const QString &title, const char *iconName, const char *fallback, QVBoxLayout **body);
    void scheduleRefresh();
    void refresh();
    void refreshPantry();
    void refreshBudget();
    void refreshGoals();
    void refreshShopping();

    HouseholdData &m_data;
    QTimer *m_refreshTimer;
    QLabel *m_greeting;
    QLabel *m_pantryHeadline;
    QLabel *m_pantryDetail;
    QLabel *m_budgetHeadline;
    QLabel *m_budgetDetail;
    MeterBar *m_budgetBar;
    QLabel *m_budgetCategories;
    QVBoxLayout *m_goalsBody;
    QLabel *m_goalsEmpty;
    QLabel *m_shoppingDetail;
    QList<QFrame *> m_cards;
};

} // namespace hearth
