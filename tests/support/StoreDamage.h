#pragma once

// Damages a store file the ways a disk does (tst_store, tst_hearthd): cut short, or a run of pages
// overwritten in the middle. Returns false when the file could not be changed.

#include <QByteArray>
#include <QFile>
#include <QString>

namespace hearth::test {

enum class StoreDamage { Truncated, PagesOverwritten };

inline bool damageStoreFile(const QString &path, StoreDamage damage)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite) || file.size() <= 16 * 4096)
        return false; // too small to damage in the middle
    if (damage == StoreDamage::Truncated)
        return file.resize(file.size() / 2);
    return file.seek(file.size() / 2 / 4096 * 4096) && file.write(QByteArray(3 * 4096, '\xa5')) == 3 * 4096;
}

} // namespace hearth::test
