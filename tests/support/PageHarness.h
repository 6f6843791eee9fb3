#pragma once

#include "EditHistory.h"
#include "HouseholdData.h"
#include "ScriptedConfirmer.h"
#include "TestSupport.h"
#include "Theme.h"

#include <QApplication>
#include <QTest>
#include <QUndoStack>

#include <memory>
#include <optional>

namespace hearth::test {

// What a page needs, on a real store: the household's models, an undo history and a confirmer
// that answers without a dialog. Page tests build one per test function.
class PageHarness
{
public:
    explicit PageHarness(bool demo = false)
        : household(demo)
    {
        if (household.isValid()) {
            data.emplace(household.engine(), household.clock);
            data->load();
        }
    }

    bool isValid() const { return data.has_value(); }

    // The page, styled like the app, shown at `size` and active (so keyboard focus works).
    template <typename Page>
    std::unique_ptr<Page> show(QSize size)
    {
        qApp->setStyleSheet(Theme::styleSheet());
        auto page = std::make_unique<Page>(*data, history, confirmer);
        page->resize(size);
        page->show();
        if (!QTest::qWaitForWindowExposed(page.get()))
            return nullptr;
        page->activateWindow();
        if (!QTest::qWaitForWindowActive(page.get()))
            return nullptr;
        return page;
    }

    TempHousehold household; // today: 15 March 2026
    std::optional<HouseholdData> data;
    QUndoStack undo;
    EditHistory history{undo};
    ScriptedConfirmer confirmer;
};

} // namespace hearth::test
