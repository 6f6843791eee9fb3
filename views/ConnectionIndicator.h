#pragma once

#include <QWidget>

class QLabel;

namespace hearth {

class ConnectionStatus;

// The status bar's connection indicator: a coloured dot, the state, members online and the last
// sync. In compact form (small screens, kiosk) only the dot and a short word remain.
class ConnectionIndicator final : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionIndicator(ConnectionStatus &status, QWidget *parent = nullptr);

    void setCompact(bool compact);
    QString text() const;

private:
    void refresh();

    ConnectionStatus &m_status;
    QLabel *m_label;
    bool m_compact = false;
};

} // namespace hearth
