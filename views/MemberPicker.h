#pragma once

#include <QStringList>
#include <QWidget>

class QAbstractButton;
class QGridLayout;
class QLabel;
class QStackedWidget;
class QTimer;

namespace hearth {

class MemberPins;
class MembersModel;
class MemberTile;
class PinPad;

// "Who's using Hearth?": a big tile for each member (children too) in their colour, with their
// initials and name. Picking someone without a PIN chooses them at once; someone with a PIN gets
// the PinPad first (a wrong PIN shakes and says how many tries are left; too many lock it for a
// while, counted down). The choice is memberChosen(id); what it means (acting as them, leaving
// kiosk mode) is the owner's. Follows the members model and the PINs as they change.
class MemberPicker final : public QWidget
{
    Q_OBJECT

public:
    MemberPicker(MembersModel &members, MemberPins &pins, QWidget *parent = nullptr);
    ~MemberPicker() override;

    void setTitle(const QString &title);
    QString title() const;
    // Offers adults only (leaving kiosk mode, managing PINs).
    void setAdultsOnly(bool on);
    // Back to the tiles, the PIN pad emptied.
    void reset();

    // As a tap on the member's tile.
    void pick(const QString &memberId);
    // The members offered, in the order shown.
    QStringList memberIds() const;
    QAbstractButton *tileFor(const QString &memberId) const;
    PinPad *pinPad() const { return m_pad; }
    bool showsPinPad() const;
    // Whose PIN the pad asks for (empty on the tiles).
    QString pendingMemberId() const { return m_pending; }

Q_SIGNALS:
    void memberChosen(const QString &memberId);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuild();
    void layoutTiles();
    void checkPin(const QString &pin);
    // Shows the pending member's lock-out as it runs down; the keys return when it ends.
    void refreshLockOut();

    MembersModel &m_members;
    MemberPins &m_pins;
    QStackedWidget *m_stack;
    QLabel *m_title;
    QWidget *m_tileArea;
    QGridLayout *m_grid;
    QList<MemberTile *> m_tiles;
    int m_columns = 0;
    PinPad *m_pad;
    QTimer *m_lockTimer;
    bool m_adultsOnly = false;
    QString m_pending;
};

} // namespace hearth
