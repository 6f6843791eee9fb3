#pragma once

class QCoreApplication;

namespace hearth {

// Installs Hearth's translations on the application: the user's language when one is bundled,
// and always the English plural forms underneath it.
void installTranslations(QCoreApplication &app);

} // namespace hearth
