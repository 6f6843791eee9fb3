#include "RoleGate.h"

#include "HouseholdData.h"
#include "Permissions.h"

namespace hearth {

RoleGate::RoleGate(HouseholdData &data, QObject *parent)
    : QObject(parent)
    , m_data(data)
{
    MembersModel *members = &m_data.members;
    connect(members, &QAbstractItemModel::dataChanged, this, &RoleGate::update);
    connect(members, &QAbstractItemModel::rowsInserted, this, &RoleGate::update);
    connect(members, &QAbstractItemModel::rowsRemoved, this, &RoleGate::update);
    connect(members, &QAbstractItemModel::modelReset, this, &RoleGate::update);
    // Someone else picked on the kitchen display (HouseholdSession::actAs): their role from now on.
    connect(&m_data.engine, &HouseholdEngine::actingMemberChanged, this, &RoleGate::update);
    update();
}

bool RoleGate::allows(Collection collection, MutationOp op, const QJsonObject &fields) const
{
    return Permissions::allows(m_role, collection, op, fields);
}

bool RoleGate::allows(const Mutation &mutation) const
{
    return allows(mutation.collection, mutation.op, mutation.fields);
}

bool RoleGate::mayCreate(const CollectionModel &model) const
{
    return allows(model.collection(), MutationOp::Create);
}

bool RoleGate::mayUpdate(const CollectionModel &model) const
{
    return allows(model.collection(), MutationOp::Update);
}

bool RoleGate::mayDelete(const CollectionModel &model) const
{
    return allows(model.collection(), MutationOp::Delete);
}

void RoleGate::update()
{
    const auto member = m_data.members.find(m_data.engine.actingMemberId());
    const QString role = member ? member->role : QString();
    if (role == m_role)
        return;
    m_role = role;
    Q_EMIT changed();
}

} // namespace hearth
