#pragma once

#include "CollectionModel.h"
#include "Mutation.h"

#include <QList>
#include <QObject>

class QUndoStack;

namespace hearth {

// Makes every edit undoable. A view hands a mutation to apply(): it goes through the model's one
// mutation path at once, and on success an undo step remembers how to reverse it (computed from the
// entity as it was). Undo and redo submit mutations through the same path again. An edit held in
// memory on a full disk (MutationResult::held) gets no undo step.
class EditHistory final : public QObject
{
    Q_OBJECT

public:
    // What moved the stack: a new edit, an undo or a redo.
    enum class Step { Done, Undone, Redone };
    Q_ENUM(Step)

    EditHistory(QUndoStack &stack, QObject *parent = nullptr);

    QUndoStack &stack() const { return m_stack; }

    MutationResult apply(CollectionModel &model, const Mutation &mutation, const QString &text);

    // Groups the edits applied while it lives into one undo step ("Clear done items"). The step is
    // only made when an edit succeeds, so a group in which nothing happened leaves no empty step.
    class Group
    {
    public:
        Group(EditHistory &history, const QString &text);
        ~Group();
        Q_DISABLE_COPY_MOVE(Group)

    private:
        EditHistory &m_history;
    };

Q_SIGNALS:
    // An undo or redo could not be applied (for example, the item was deleted meanwhile).
    void replayFailed(const QString &message);
    // The stack moved by one step that worked: `text` names the step ("Add Milk", the group's text
    // for a group) and `collection` is where its last mutation applied, so the window can show the
    // page an undo or redo changed. A replay that failed emits replayFailed() instead.
    void stepped(hearth::EditHistory::Step step, const QString &text, hearth::Collection collection);

private:
    friend class MutationCommand;
    struct OpenGroup
    {
        QString text;
        bool begun = false; // beginMacro() was called (on the group's first successful edit)
    };

    void onIndexChanged(int index);

    QUndoStack &m_stack;
    QList<OpenGroup> m_groups;
    int m_index = 0;               // the stack's index as last seen, to tell undo from redo or push
    bool m_replayed = false;       // an undo or redo ran since (not a push)
    bool m_replayFailed = false;
    Collection m_lastCollection = Collection::Household;
};

} // namespace hearth
