#include "EditHistory.h"

#include "Schema.h"

#include <QUndoCommand>
#include <QUndoStack>

#include <cmath>
#include <utility>

namespace hearth {

namespace {

// The mutation that brings an entity back to `before` (the state prior to `forward`; `after` is
// the state it left).
Mutation inverseOf(const Mutation &forward, const QString &entityId, const std::optional<QJsonObject> &before,
                   const std::optional<QJsonObject> &after)
{
    const CollectionSpec &spec = collectionSpec(forward.collection);
    Mutation inverse;
    inverse.collection = forward.collection;
    inverse.entityId = entityId;
    switch (forward.op) {
    case MutationOp::Create:
        inverse.op = MutationOp::Delete;
        break;
    case MutationOp::Delete:
        inverse.op = MutationOp::Create;
        inverse.fields = before.value_or(QJsonObject());
        break;
    case MutationOp::Update:
        inverse.op = MutationOp::Update;
        for (auto it = forward.fields.begin(); it != forward.fields.end(); ++it) {
            if (const FieldSpec *counter = spec.counterStepped(it.key())) {
                // Undoing a step is the opposite step (of what it really added, when a limit
                // stopped it), so it takes back this press and not what others added meanwhile.
                const double added = before && after ? after->value(counter->key).toDouble() - before->value(counter->key).toDouble()
                                                     : it.value().toDouble();
                inverse.fields.insert(it.key(), counter->type == FieldType::Real ? QJsonValue(-added)
                                                                                 : QJsonValue(-qint64(std::llround(added))));
                continue;
            }
            inverse.fields.insert(it.key(), before ? before->value(it.key()) : QJsonValue());
        }
        break;
    }
    return inverse;
}

} // namespace

class MutationCommand final : public QUndoCommand
{
public:
    MutationCommand(EditHistory &history, CollectionModel &model, Mutation forward, Mutation inverse,
                    const QString &text, QUndoCommand *parent)
        : QUndoCommand(text, parent)
        , m_history(history)
        , m_model(model)
        , m_forward(std::move(forward))
        , m_inverse(std::move(inverse))
    {
    }

    void redo() override
    {
        if (m_alreadyApplied) { // pushed after the edit was made
            m_alreadyApplied = false;
            return;
        }
        replay(m_forward);
    }

    void undo() override { replay(m_inverse); }

private:
    void replay(Mutation mutation)
    {
        mutation.id.clear(); // every replay is a new mutation, never a retry of an old one
        // The revision the edit was made against has moved on (the undo itself changed it); a
        // replay applies to the entity as it is now, like any new edit.
        mutation.baseRev = -1;
        m_history.m_replayed = true;
        m_history.m_lastCollection = mutation.collection;
        const MutationResult result = m_model.apply(mutation);
        if (!result.ok) {
            m_history.m_replayFailed = true;
            Q_EMIT m_history.replayFailed(result.error.message);
        }
    }

    EditHistory &m_history;
    CollectionModel &m_model;
    Mutation m_forward;
    Mutation m_inverse;
    bool m_alreadyApplied = true;
};

EditHistory::EditHistory(QUndoStack &stack, QObject *parent)
    : QObject(parent)
    , m_stack(stack)
    , m_index(stack.index())
{
    connect(&m_stack, &QUndoStack::indexChanged, this, &EditHistory::onIndexChanged);
}

void EditHistory::onIndexChanged(int index)
{
    const int previous = std::exchange(m_index, index);
    const bool replayed = std::exchange(m_replayed, false);
    const bool failed = std::exchange(m_replayFailed, false);
    if (failed)
        return; // replayFailed() said what happened
    // QUndoStack::clear() also lowers the index, without replaying anything.
    if (index < previous && replayed)
        Q_EMIT stepped(Step::Undone, m_stack.text(index), m_lastCollection);
    else if (index > previous)
        Q_EMIT stepped(replayed ? Step::Redone : Step::Done, m_stack.text(index - 1), m_lastCollection);
}

MutationResult EditHistory::apply(CollectionModel &model, const Mutation &mutation, const QString &text)
{
    std::optional<QJsonObject> before;
    if (mutation.op != MutationOp::Create)
        before = model.engine().entity(mutation.collection, mutation.entityId);

    const MutationResult result = model.apply(mutation);
    // A held edit (a full disk) is not written yet: there is nothing to compute its undo from.
    if (!result.ok || result.held)
        return result;
    m_lastCollection = mutation.collection;

    Mutation forward = mutation;
    forward.entityId = result.entityId; // a redo re-creates the same entity, with the same id
    for (OpenGroup &group : m_groups) {
        if (!group.begun) {
            m_stack.beginMacro(group.text);
            group.begun = true;
        }
    }
    const auto after = model.engine().entity(mutation.collection, result.entityId);
    m_stack.push(new MutationCommand(*this, model, forward, inverseOf(forward, result.entityId, before, after), text, nullptr));
    return result;
}

EditHistory::Group::Group(EditHistory &history, const QString &text)
    : m_history(history)
{
    m_history.m_groups.append({text, false});
}

EditHistory::Group::~Group()
{
    if (m_history.m_groups.takeLast().begun)
        m_history.m_stack.endMacro();
}

} // namespace hearth
