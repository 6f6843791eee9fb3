#pragma once

#include "Page.h"

#include <QHash>

class QFrame;
class QLabel;

namespace hearth {

class DashboardCard;
class HouseholdData;

// The first thing a family sees: the card of each page that has one (its registration's
// dashboardCard), each a summary that opens its page.
class DashboardPage final : public Page
{
    Q_OBJECT

public:
    // Its place in the window (views/Pages.cpp).
    inline static const QString kId = QStringLiteral("dashboard");
    static PageRegistration registration();

    explicit DashboardPage(const PageContext &context, QWidget *parent = nullptr);

    // Text shown on a page's card (empty when it has none), for tests and accessibility.
    QString cardText(const QString &pageId) const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QFrame *addCard(const PageRegistration &page, const PageContext &context);
    void refreshGreeting();

    HouseholdData &m_data;
    QLabel *m_greeting;
    QList<QFrame *> m_cards;
    QHash<QString, DashboardCard *> m_cardByPage;
};

} // namespace hearth
