#pragma once

#include "Mutation.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

namespace hearth {

class CollectionModel;
class HouseholdData;

// What the acting member's role allows, for views that offer only what it allows ("what a role
// cannot do is not offered"). The rules themselves live in Permissions; this only follows the
// acting member's role as the members model changes and says so with changed().
class RoleGate final : public QObject
{
    Q_OBJECT

public:
    explicit RoleGate(HouseholdData &data, QObject *parent = nullptr);

    // The acting member's role ("adult", "child"; empty when the member is not known yet).
    QString role() const { return m_role; }
    bool allows(Collection collection, MutationOp op, const QJsonObject &fields = {}) const;
    // The same question about the mutation an action would make, or about any such edit of a
    // model's collection (for views, which offer edits without naming operations or fields).
    bool allows(const Mutation &mutation) const;
    bool mayCreate(const CollectionModel &model) const;
    bool mayUpdate(const CollectionModel &model) const;
    bool mayDelete(const CollectionModel &model) const;

Q_SIGNALS:
    void changed();

private:
    void update();

    HouseholdData &m_data;
    QString m_role;
};

} // namespace hearth
