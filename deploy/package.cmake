# Install layout and the Debian package (`make package`, CPack's DEB generator).
#   /usr/bin/ruhrfutur
#   /usr/share/ruhrfutur/{templates,static,migrations,data,reports}   (the program's `root`)
#   /usr/share/ruhrfutur/deploy/nginx/ruhrfutur.conf                 (example nginx site)
#   /etc/ruhrfutur/ruhrfutur.yaml                                     (conffile)
#   /lib/systemd/system/ruhrfutur.service, ruhrfutur@.service,
#     ruhrfutur-reminders.service and .timer (the network module's hourly reminders)
# The maintainer scripts in deploy/debian/ create the system user `ruhrfutur` and
# its state folder /var/lib/ruhrfutur.
set(RF_SHARE share/ruhrfutur)

install(TARGETS ruhrfutur RUNTIME DESTINATION bin)
install(DIRECTORY templates static migrations data reports DESTINATION ${RF_SHARE})
install(FILES deploy/nginx/ruhrfutur.conf DESTINATION ${RF_SHARE}/deploy/nginx)
install(FILES README.md DESTINATION share/doc/ruhrfutur)
install(FILES deploy/ruhrfutur.yaml DESTINATION /etc/ruhrfutur
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
install(FILES deploy/systemd/ruhrfutur.service deploy/systemd/ruhrfutur@.service
              deploy/systemd/ruhrfutur-reminders.service deploy/systemd/ruhrfutur-reminders.timer
        DESTINATION /lib/systemd/system)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME ruhrfutur)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "RuhrFutur Geschäftsstelle <technik@ruhrfutur.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "RuhrFutur platform: website, education monitoring, report")
set(CPACK_PACKAGE_DESCRIPTION
    "The web platform of the RuhrFutur education initiative: public website, statistics\n monitoring, the education report, surveys and the partner network, on SQLite or PostgreSQL.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Tools the program runs: pg_dump/pg_restore for backups of PostgreSQL databases;
# adduser for the maintainer scripts.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, postgresql-client-15 | postgresql-client")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "nginx")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-15, chromium, poppler-utils")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_SOURCE_DIR}/deploy/debian/conffiles ${CMAKE_SOURCE_DIR}/deploy/debian/postinst
    ${CMAKE_SOURCE_DIR}/deploy/debian/prerm ${CMAKE_SOURCE_DIR}/deploy/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
