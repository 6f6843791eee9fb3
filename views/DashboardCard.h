#pragma once

#include <QStringList>
#include <QWidget>

class QAbstractItemModel;
class QTimer;
class QVBoxLayout;

namespace hearth {

// What a page shows of itself on the dashboard, made by its registration's dashboardCard. The
// dashboard frames it with the registration's icon and title and opens the page when it is
// clicked; the card fills its body and keeps it current with the models it follows.
class DashboardCard : public QWidget
{
    Q_OBJECT

public:
    explicit DashboardCard(QWidget *parent = nullptr);

    // What the card says, for tests and accessibility.
    virtual QString text() const = 0;

protected:
    // Laid out top to bottom below the card's title.
    QVBoxLayout *body() const { return m_body; }
    // Refreshes once after each burst of changes to `model` (an import, a busy household).
    void follow(QAbstractItemModel &model);
    virtual void refresh() = 0;

    // A small summary table: rows of a label with a muted value on the right.
    QString tableRow(const QString &label, const QString &value) const;
    static QString tableHtml(const QStringList &rows);

private:
    QVBoxLayout *m_body;
    QTimer *m_refreshTimer;
};

} // namespace hearth
