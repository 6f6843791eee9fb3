#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;

namespace hearth {

class ConnectionStatus;

// The status bar's connection indicator: a coloured dot, the state, members online, this device's
// edits waiting to be sent and the last sync. In compact form (a window narrower than 900 px, full screen, or kiosk) only the dot, the state
// and the number online remain. Clicking it (or Space/Enter when focused) emits clicked().
class ConnectionIndicator final : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kCompactBelowWidth = 900;

    explicit ConnectionIndicator(ConnectionStatus &status, QWidget *parent = nullptr);

    // Forces the compact form regardless of the window (kiosk).
    void setCompact(bool compact);
    bool isCompact() const;
    QString text() const;

Q_SIGNALS:
    void clicked();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void refresh();
    bool windowWantsCompact() const;

    ConnectionStatus &m_status;
    QLabel *m_label;
    QPointer<QWidget> m_window;
    bool m_forcedCompact = false;
    bool m_compact = false;
};

} // namespace hearth
