# One INTERFACE target carries the language standard, warnings and strict Qt defines;
# every Hearth target links it, so the rules are stated once.
add_library(hearth_options INTERFACE)
add_library(Hearth::options ALIAS hearth_options)

target_compile_features(hearth_options INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

option(HEARTH_WERROR "Treat warnings as errors" OFF)
option(HEARTH_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)

target_compile_options(hearth_options INTERFACE -Wall -Wextra -Wpedantic)
if(HEARTH_WERROR)
    target_compile_options(hearth_options INTERFACE -Werror)
endif()

target_compile_definitions(hearth_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_KEYWORDS
    QT_NO_FOREACH
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
)

if(HEARTH_SANITIZE)
    target_compile_options(hearth_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(hearth_options INTERFACE -fsanitize=address,undefined)
endif()

# Release builds (what scripts/package.sh ships) get the hardening Debian's own packages are built
# with (dpkg-buildflags): fortified libc calls, stack protection, and a read-only GOT bound at start.
target_compile_definitions(hearth_options INTERFACE $<$<CONFIG:Release>:_FORTIFY_SOURCE=2>)
target_compile_options(hearth_options INTERFACE
    $<$<CONFIG:Release>:-fstack-protector-strong -fstack-clash-protection>)
target_link_options(hearth_options INTERFACE $<$<CONFIG:Release>:LINKER:-z,relro,-z,now>)
