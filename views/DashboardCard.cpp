#include "DashboardCard.h"

#include "Theme.h"

#include <QAbstractItemModel>
#include <QTimer>
#include <QVBoxLayout>

namespace hearth {

DashboardCard::DashboardCard(QWidget *parent)
    : QWidget(parent)
    , m_body(new QVBoxLayout(this))
    , m_refreshTimer(new QTimer(this))
{
    // Spaced as the card's own layout, so the body lines up as if it were part of it.
    m_body->setContentsMargins(0, 0, 0, 0);
    m_body->setSpacing(Theme::kGrid);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(0);
    connect(m_refreshTimer, &QTimer::timeout, this, &DashboardCard::refresh);
}

void DashboardCard::follow(QAbstractItemModel &model)
{
    QTimer *timer = m_refreshTimer;
    const auto schedule = [timer] { timer->start(); };
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(&model, signal, timer, schedule);
    connect(&model, &QAbstractItemModel::dataChanged, timer, schedule);
    connect(&model, &QAbstractItemModel::modelReset, timer, schedule);
}

QString DashboardCard::tableRow(const QString &label, const QString &value) const
{
    return QStringLiteral("<tr><td>%1</td><td align=\"right\" style=\"color:%2; padding-left:16px\">%3</td></tr>")
        .arg(label.toHtmlEscaped(), Theme::mutedText(this).name(QColor::HexArgb), value.toHtmlEscaped());
}

QString DashboardCard::tableHtml(const QStringList &rows)
{
    return QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\">") + rows.join(QString()) + QStringLiteral("</table>");
}

} // namespace hearth
