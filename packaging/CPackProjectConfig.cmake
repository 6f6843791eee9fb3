# Read by cpack. Each package's description (CPACK_DEBIAN_<COMPONENT>_DESCRIPTION) starts with its
# own summary line; without this, CPackDeb would put the project's one summary above both.
unset(CPACK_PACKAGE_DESCRIPTION_SUMMARY)
