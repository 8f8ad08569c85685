# The installed tree (`cmake --install build --prefix PREFIX`) and its mirror inside the build
# folder. The program finds its read-only files relative to itself (src/base/share_dir.h):
#   PREFIX/bin/viddhana
#   PREFIX/share/viddhana/web/          the built dashboard (web/dist)
#   PREFIX/share/viddhana/analytics/    the analytics data tables (src/analytics/data)
#   PREFIX/share/viddhana/examples/     an example configuration
#   PREFIX/lib/systemd/system/          one unit per role (deploy/systemd), naming PREFIX/bin
include(GNUInstallDirs)

set(VIDDHANA_SHARE_SUBDIR ${CMAKE_INSTALL_DATADIR}/viddhana)

# The build tree: build/viddhana looks in build/share/viddhana, linked to the sources, so a fresh
# `npm run build` shows without a rebuild.
file(MAKE_DIRECTORY ${PROJECT_BINARY_DIR}/share/viddhana)
file(CREATE_LINK ${PROJECT_SOURCE_DIR}/web/dist ${PROJECT_BINARY_DIR}/share/viddhana/web SYMBOLIC)
file(CREATE_LINK ${PROJECT_SOURCE_DIR}/src/analytics/data ${PROJECT_BINARY_DIR}/share/viddhana/analytics
     SYMBOLIC)

install(TARGETS viddhana RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/dist/ DESTINATION ${VIDDHANA_SHARE_SUBDIR}/web)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/src/analytics/data/ DESTINATION ${VIDDHANA_SHARE_SUBDIR}/analytics)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/config/viddhana.yaml
        DESTINATION ${VIDDHANA_SHARE_SUBDIR}/examples)

# systemd units name the installed binary: their templates take @VIDDHANA_BIN@, filled in at
# install time, so `cmake --install --prefix P` writes units that run P/bin/viddhana.
file(GLOB unit_templates CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/deploy/systemd/*.in)
foreach(template ${unit_templates})
  get_filename_component(unit ${template} NAME)
  string(REGEX REPLACE "\\.in$" "" unit ${unit})
  install(CODE "
    set(VIDDHANA_BIN \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/viddhana\")
    set(CMAKE_INSTALL_FULL_DATADIR \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}\")
    set(unit_file \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/lib/systemd/system/${unit}\")
    message(STATUS \"Installing: \${unit_file}\")
    configure_file(\"${template}\" \"\${unit_file}\" @ONLY)
  ")
endforeach()
