#pragma once

#include "Page.h"

class QFrame;
class QLabel;
class QPushButton;
class QTimer;
class QVBoxLayout;

namespace hearth {

class ChoresModel;
class CollectionModel;
class CompletionsModel;
class Confirmer;
class EditHistory;
class HouseholdData;
class RedemptionsModel;
class RewardsModel;
class RoleGate;
class WalletModel;
struct Chore;
struct Mutation;

// Chores and rewards on the kitchen screen: today's chores by whose turn it is, each with a big
// tick target; what waits for an adult's approval; everyone's points and a member's ledger; the
// rewards to save for and the requests for them; and, for adults, the chores themselves. Every
// edit goes through the undo history; the host decides what counts (ChoresCollections.cpp).
class ChoresPage final : public Page
{
    Q_OBJECT

public:
    // Its place in the window (views/Pages.cpp).
    inline static const QString kId = QStringLiteral("chores");
    static PageRegistration registration();

    ChoresPage(HouseholdData &data, EditHistory &history, Confirmer &confirmer, QWidget *parent = nullptr);

    void addNew() override;

    // Ticking `chore` off today: credited to whose turn it is, or to the acting member when anyone
    // may do it (the kiosk ticks the same way).
    static Mutation todayTickMutation(const HouseholdData &data, const Chore &chore);

    // What the page's buttons do.
    bool tick(const QString &choreId);
    bool approve(const QString &completionId);
    void reject(const QString &completionId);   // asks why
    bool ask(const QString &rewardId);          // for the acting member
    bool fulfil(const QString &redemptionId);
    void decline(const QString &redemptionId);  // asks why
    void editChore(const QString &choreId);
    void deleteChore(const QString &choreId);
    void addReward();
    void editReward(const QString &rewardId);
    void deleteReward(const QString &rewardId);
    void adjustPoints();                         // for the selected member
    void payOut();                               // for the selected member
    void selectMember(const QString &memberId);

    QString selectedMember() const { return m_selected; }
    // The last refusal of the household (empty when the last edit went through).
    QString errorText() const;
    QString subtitleText() const;
    // The row of a chore in "Today" (null when it is not due today).
    QFrame *todayRow(const QString &choreId) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void scheduleRefresh();
    void refresh();
    void refreshToday();
    void refreshApprovals();
    void refreshWallets();
    void refreshRewards();
    void refreshChoreList();
    void openChoreDialog(const Chore &chore, bool isNew);
    bool applyAndReport(CollectionModel &model, const Mutation &mutation, const QString &text);
    void showError(const QString &message);
    bool isAdult() const;
    bool mayTick(const QString &assigneeId) const;

    HouseholdData &m_data;
    EditHistory &m_history;
    Confirmer &m_confirmer;
    ChoresModel &m_chores;
    CompletionsModel &m_completions;
    RewardsModel &m_rewards;
    RedemptionsModel &m_redemptions;
    WalletModel &m_wallet;
    RoleGate *m_gate;
    QTimer *m_refreshTimer;
    QLabel *m_subtitle;
    QPushButton *m_addChore;
    QLabel *m_error;
    QVBoxLayout *m_today;
    QFrame *m_approvalsCard;
    QVBoxLayout *m_approvals;
    QVBoxLayout *m_wallets;
    QPushButton *m_adjust;
    QPushButton *m_payOut;
    QVBoxLayout *m_rewardsList;
    QPushButton *m_addReward;
    QFrame *m_choresCard;
    QVBoxLayout *m_choreList;
    QString m_selected;
    QList<QWidget *> m_readingOrder; // the sections Tab visits, in reading order
};

} // namespace hearth
