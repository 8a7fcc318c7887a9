// German demo texts, written for this platform. Facts (53 municipalities,
// about 5.1 million inhabitants, partners, bodies, report editions) follow
// RuhrFutur's public reports and partner list; people, addresses and phone numbers are invented.
#include "portal/demo_texts.hpp"

namespace rf::portal {

const std::vector<DemoPage>& demo_pages() {
  static const std::vector<DemoPage> pages = {
      {"ueber-uns", "Über uns",
       "RuhrFutur ist die gemeinsame Bildungsinitiative von Land, Kommunen, Hochschulen und einer Stiftung im "
       "Ruhrgebiet. Seit 2013 arbeiten die Partner daran, dass die Herkunft nicht über den Bildungserfolg entscheidet.",
       R"(Collective Impact heißt wörtlich „gemeinsame Wirkung“. Der Ansatz geht davon aus, dass sich große )"
       R"(Aufgaben – wie mehr Bildungsgerechtigkeit in einer Region mit über fünf Millionen Menschen – nicht )"
       R"(mit einzelnen Projekten lösen lassen. Es gelingt nur, wenn viele Beteiligte dauerhaft an einem )"
       R"(Strang ziehen.

## Eine gemeinsame Agenda

Die Partner haben sich auf ein Ziel verständigt: Alle Kinder und Jugendlichen im Ruhrgebiet sollen die )"
       R"(gleiche Chance auf Bildungserfolg haben – unabhängig von ihrer Herkunft. Daraus leiten sie )"
       R"(Teilziele für jede Station der Bildungsbiografie ab, von der Kita bis zum Hochschulabschluss.

## Gemeinsam messen

Was nicht gemessen wird, lässt sich kaum steuern. Die Partner vereinbaren gemeinsame Indikatoren, beobachten )"
       R"(sie im **Bildungsmonitoring** und legen die Ergebnisse offen – auch dort, wo die Region noch nicht )"
       R"(vorankommt.

## Vorhandenes stärken

RuhrFutur baut keine Parallelstrukturen auf. Wir verbinden bestehende Netzwerke – kommunale Bildungsbüros, )"
       R"(Schulaufsicht, Hochschulen, freie Träger – und helfen ihnen, voneinander zu lernen und )"
       R"(Erfolgreiches in andere Städte zu übertragen.

## Langer Atem statt kurzer Projekte

Veränderungen im System brauchen Zeit. Statt vieler kurzer Modellprojekte setzen die Partner auf )"
       R"(langfristige Vorhaben, die in die Regelstrukturen übergehen, sobald sie ihre Wirkung gezeigt haben.

## Eine Geschäftsstelle als Rückgrat

Die Geschäftsstelle – im Collective-Impact-Modell die „Backbone“-Organisation – moderiert die )"
       R"(Zusammenarbeit, bereitet Daten auf, begleitet die Gremien und hält alle Beteiligten auf demselben Stand.

## Vielfalt

Im Ruhrgebiet wachsen Kinder mit vielen Sprachen, Familiengeschichten und Lebenslagen auf. Diese Vielfalt )"
       R"(ist eine Stärke der Region und zugleich ein Auftrag: Angebote müssen so gestaltet sein, dass sie )"
       R"(alle erreichen. Auch im eigenen Team, in den Gremien und bei Veranstaltungen achten wir auf )"
       R"(unterschiedliche Perspektiven und auf barrierearme Zugänge.)"},
      {"kontakt", "Kontakt", "So erreichen Sie die Geschäftsstelle von RuhrFutur.",
       R"(**RuhrFutur – Geschäftsstelle**\
Musterstraße 1 (Demo-Adresse)\
45127 Essen

Telefon: 0201 000000-0 (Platzhalter)\
E-Mail: [kontakt@ruhrfutur.example](mailto:kontakt@ruhrfutur.example)

## Für Presseanfragen

Bitte schreiben Sie an [presse@ruhrfutur.example](mailto:presse@ruhrfutur.example). Wir antworten in der )"
       R"(Regel innerhalb eines Werktags.

## Für Kommunen und Schulen

Fragen zum Bildungsmonitoring, zu Befragungen und zu Daten Ihrer Kommune beantwortet das Team )"
       R"(Bildungsmonitoring unter [daten@ruhrfutur.example](mailto:daten@ruhrfutur.example).

## Anreise

Die Geschäftsstelle ist vom Hauptbahnhof in wenigen Minuten zu Fuß erreichbar. Der Eingang ist stufenlos, )"
       R"(ein Aufzug führt in alle Etagen.)"},
      {"impressum", "Impressum", "Angaben zum Anbieter dieser Website.",
       R"(Dies ist eine **Demo-Installation** der RuhrFutur-Plattform. Die folgenden Angaben sind )"
       R"(Platzhalter und müssen vor dem Betrieb ersetzt werden.

## Anbieter

RuhrFutur – Geschäftsstelle\
Musterstraße 1\
45127 Essen

E-Mail: [kontakt@ruhrfutur.example](mailto:kontakt@ruhrfutur.example)

## Verantwortlich für den Inhalt

Die Leitung der Geschäftsstelle (Anschrift wie oben).

## Haftung für Links

Diese Website enthält Links zu Websites der Partner. Für deren Inhalte sind die jeweiligen Anbieter )"
       R"(verantwortlich. Zum Zeitpunkt der Verlinkung waren keine Rechtsverstöße erkennbar.

## Quellen der Daten

Statistische Angaben stammen, wenn nicht anders vermerkt, von IT.NRW, dem Regionalverband Ruhr und dem )"
       R"(Bundesinstitut für Bau-, Stadt- und Raumforschung (INKAR). Jede Abbildung nennt ihre Quelle.)"},
      {"datenschutz", "Datenschutz", "Welche Daten diese Website verarbeitet und welche Rechte Sie haben.",
       R"(Wir verarbeiten nur die Daten, die für den Betrieb der Website und für die von Ihnen gewünschten )"
       R"(Leistungen nötig sind. Diese Website bindet keine Inhalte von Dritten ein und verwendet keine )"
       R"(Analyse- oder Werbedienste.

## Beim Besuch der Website

Der Server protokolliert Zeitpunkt, aufgerufene Adresse, Statuscode und IP-Adresse, um Fehler und Angriffe )"
       R"(erkennen zu können. Die Protokolle werden nach kurzer Zeit gelöscht.

## Cookies

- `rf_csrf`: schützt Formulare vor Missbrauch durch fremde Websites. Es wird beim Schließen des Browsers gelöscht.
- `rf_session`: nur nach einer Anmeldung für die Redaktion; es hält Sie acht Stunden lang angemeldet.

## Newsletter

Für den Newsletter speichern wir Ihre E-Mail-Adresse und die Zeitpunkte von Anmeldung und Bestätigung )"
       R"((Double-Opt-in). Unbestätigte Anmeldungen löschen wir nach sieben Tagen. Über den Link in jeder )"
       R"(E-Mail können Sie sich abmelden; Ihre Adresse wird dann gelöscht.

## Ihre Rechte

Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der Verarbeitung sowie auf )"
       R"(Beschwerde bei einer Datenschutzaufsichtsbehörde. Schreiben Sie uns an )"
       R"([datenschutz@ruhrfutur.example](mailto:datenschutz@ruhrfutur.example).)"},
      {"newsletter", "Newsletter",
       "Neue Publikationen, Termine und Daten aus der Bildungsregion Ruhr – etwa einmal im Monat per E-Mail.",
       R"(Der Newsletter berichtet über neue Ergebnisse aus dem Bildungsmonitoring, über Publikationen und )"
       R"(Veranstaltungen der Partner sowie über offene Stellen. Er erscheint etwa einmal im Monat und ist )"
       R"(kostenlos.)"},
      {"barrierefreiheit", "Erklärung zur Barrierefreiheit",
       "Wie barrierefrei diese Website ist und wie Sie uns Barrieren melden können.",
       R"(Wir möchten, dass alle Menschen diese Website nutzen können. Sie soll die Anforderungen der )"
       R"(Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und der WCAG 2.1 auf Stufe AA erfüllen.

## Was wir dafür tun

- Alle Seiten lassen sich vollständig mit der Tastatur bedienen; der Fokus ist immer sichtbar.
- Ein Link „Direkt zum Inhalt“ überspringt die Navigation.
- Überschriften, Listen und Landmarken sind für Screenreader ausgezeichnet.
- Texte und Bedienelemente haben ausreichende Kontraste.
- Jede Grafik hat einen Titel, eine Quellenangabe und eine Tabelle mit den Daten.

## Barrieren melden

Ist Ihnen eine Barriere aufgefallen? Schreiben Sie an )"
       R"([barrierefreiheit@ruhrfutur.example](mailto:barrierefreiheit@ruhrfutur.example). Wir antworten )"
       R"(innerhalb von zwei Wochen.)"},
  };
  return pages;
}

const std::vector<DemoPage>& demo_themes() {
  static const std::vector<DemoPage> themes = {
      {"fruehe-bildung", "Frühe Bildung",
       "Gute Kitas und Familienzentren legen den Grundstein – besonders dort, wo Kinder zu Hause wenig Unterstützung "
       "erfahren.",
       R"(In den ersten Lebensjahren entstehen die Grundlagen für Sprache, Neugier und Selbstvertrauen. Im )"
       R"(Ruhrgebiet besuchen Kinder aus benachteiligten Stadtteilen seltener und später eine Kita als andere Kinder.

Gemeinsam mit den Jugendämtern der Partnerkommunen arbeiten wir daran, dass Plätze dort entstehen, wo der )"
       R"(Bedarf am größten ist, und dass alltagsintegrierte Sprachbildung in allen Einrichtungen )"
       R"(selbstverständlich wird.)"},
      {"schule", "Schule",
       "Schulen in herausfordernder Lage brauchen mehr als gleiche Ressourcen: Wir unterstützen datengestützte "
       "Schulentwicklung.",
       R"(Der schulscharfe Sozialindex des Landes zeigt, wie unterschiedlich die Ausgangslagen der Schulen )"
       R"(sind. Schulen mit hohem Index stehen vor besonderen Aufgaben – und leisten oft Beachtliches.

RuhrFutur bringt Schulleitungen, Schulaufsicht und Schulträger zusammen, um Erfahrungen zu teilen und )"
       R"(Unterstützung gezielt dorthin zu lenken, wo sie am meisten bewirkt.)"},
      {"uebergaenge", "Übergänge",
       "Von der Kita in die Grundschule, von der Schule in Ausbildung oder Studium: An Übergängen entscheidet sich "
       "viel.",
       R"(Übergänge sind Schwellen. Wer an ihnen scheitert, verliert oft Jahre. Deshalb schauen wir )"
       R"(besonders auf die Wechsel zwischen den Bildungsetappen: Kita – Grundschule, Grundschule – )"
       R"(weiterführende Schule, Schule – Ausbildung oder Hochschule.

Wir unterstützen Kommunen dabei, Übergänge gemeinsam mit allen Beteiligten zu gestalten und die Wege junger )"
       R"(Menschen mit Daten sichtbar zu machen.)"},
      {"hochschule", "Hochschule",
       "Mehr junge Menschen aus nichtakademischen Familien sollen ein Studium beginnen – und erfolgreich abschließen.",
       R"(Das Ruhrgebiet hat eine der dichtesten Hochschullandschaften Europas. Trotzdem hängt die )"
       R"(Entscheidung für ein Studium noch immer stark vom Elternhaus ab.

Die Partnerhochschulen arbeiten mit RuhrFutur an Beratung, Studieneingangsphase und Studienerfolg – )"
       R"(besonders für Studierende, die als Erste in ihrer Familie eine Hochschule besuchen.)"},
      {"lehrkraeftefortbildung", "Lehrkräftefortbildung",
       "Fortbildung, die ankommt: Bedarfe des Schulpersonals erheben und Angebote gemeinsam mit den "
       "Fortbildungsträgern planen.",
       R"(Lehrkräfte, pädagogisches Personal, Alltagshelferinnen und -helfer sowie Schulverwaltung brauchen )"
       R"(passgenaue Fortbildung. Heute wissen die Anbieter oft nicht genau, was an den Schulen gebraucht wird.

RuhrFutur befragt das Schulpersonal regelmäßig, bündelt die Ergebnisse und stellt sie den )"
       R"(Fortbildungseinrichtungen zur Verfügung – damit Angebote dort ansetzen, wo der Bedarf liegt.)"},
      {"bildungsmonitoring", "Bildungsmonitoring",
       "Gemeinsame Daten für gemeinsame Ziele: Indikatoren von der frühen Bildung bis zur Hochschule, vergleichbar für "
       "alle Kommunen.",
       R"(Das Bildungsmonitoring beobachtet, wie sich Bildungschancen in der Region entwickeln – )"
       R"(vergleichbar für die 15 Kreise und kreisfreien Städte der Metropole Ruhr, im Vergleich mit )"
       R"(Nordrhein-Westfalen und dessen Landesteilen.

Grundlage sind amtliche Statistiken, die wir importieren, sobald sie erscheinen. Jede Zahl nennt ihre )"
       R"(Quelle; Geheimhaltungen und fehlende Werte werden gekennzeichnet, nie still durch Null ersetzt.)"},
  };
  return themes;
}

const std::vector<DemoNews>& demo_news() {
  static const std::vector<DemoNews> news = {
      {"bildungsbericht-ruhr-2025-fortschritte-und-baustellen",
       "Bildungsbericht Ruhr 2025: Fortschritte und offene Baustellen",
       "Der neue Bildungsbericht Ruhr zeigt, wo die Region vorankommt – und wo der Abstand zum Land bleibt.",
       R"(RuhrFutur hat den **Bildungsbericht Ruhr 2025** vorgelegt. Nach den Berichten von 2012, 2020 und )"
       R"(2024 beschreibt er die Bildungsbiografie mit den neuesten amtlichen Daten – und ist zum ersten Mal )"
       R"(vollständig [online](/bericht/) zu lesen, mit den Daten jeder Abbildung.

## Aufbau des Berichts

1. Rahmenbedingungen
2. Frühe Bildung
3. Allgemeinbildende Schulen
4. Berufliche Bildung
5. Hochschule
6. Zusammenfassung

## Vergleiche, die weiterhelfen

Der Bericht vergleicht die 15 Kreise und kreisfreien Städte untereinander sowie die Metropole Ruhr mit )"
       R"(Nordrhein-Westfalen, dem „Rheinland ohne Ruhr“ und „Westfalen ohne Ruhr“. So wird sichtbar, welche )"
       R"(Unterschiede regional sind und welche überall im Land bestehen.

Neben jeder Abbildung steht ein fünfstelliger Webcode: Unter /code/ und dem Webcode führt die Website direkt )"
       R"(zur Abbildung. Die Kennzahlen sind im [Bildungsmonitoring](/monitor) abrufbar und werden dort )"
       R"(fortgeschrieben.)",
       "bildungsmonitoring", 5},
      {"fachtag-uebergaenge-gestalten", "Fachtag „Übergänge gestalten“ mit über 200 Teilnehmenden",
       "Fachkräfte aus Kitas, Grundschulen und Verwaltung haben in Gelsenkirchen über gelingende Übergänge beraten.",
       R"(Wie gelingt der Wechsel von der Kita in die Grundschule, wenn Kinder sehr unterschiedliche )"
       R"(Voraussetzungen mitbringen? Darüber haben Fachkräfte aus Kitas, Grundschulen, Jugendämtern und )"
       R"(Schulverwaltung beim Fachtag **„Übergänge gestalten“** beraten.

In sechs Werkstätten ging es unter anderem um gemeinsame Beobachtungsbögen, um Sprachstandsfeststellung und )"
       R"(um die Zusammenarbeit mit Eltern, die wenig Deutsch sprechen.

> „Übergänge gelingen, wenn sich Kita und Schule schon lange vor dem ersten Schultag kennen.“

Die Ergebnisse der Werkstätten sind in einer )"
       R"([Dokumentation](/publikationen/uebergaenge-gestalten-dokumentation) zusammengefasst.)",
       "uebergaenge", 12},
      {"befragung-fortbildungsbedarfe-schulpersonal", "Neue Befragung zu Fortbildungsbedarfen des Schulpersonals",
       "Ab sofort können Lehrkräfte, pädagogisches Personal, Alltagshelferinnen und -helfer und Schulverwaltungen "
       "angeben, welche Fortbildungen sie brauchen.",
       R"(Welche Fortbildungen brauchen Schulen wirklich? Um das herauszufinden, startet RuhrFutur eine neue )"
       R"(Online-Befragung. Angesprochen sind alle, die an Schulen arbeiten:

- Lehrkräfte
- pädagogisches Personal
- Alltagshelferinnen und Alltagshelfer
- Schulverwaltung

Die Antworten werden zusammengefasst und den Fortbildungseinrichtungen zur Verfügung gestellt. Einzelne )"
       R"(Schulen oder Personen sind in den Auswertungen nicht erkennbar.

Die Teilnahme dauert etwa zehn Minuten. Die Zugangsdaten erhalten die Schulen über die Schulleitungen.)",
       "lehrkraeftefortbildung", 20},
      {"sprachbildung-in-der-kita-netzwerk", "Sprachbildung in der Kita: Netzwerk tauscht Erfahrungen aus",
       "Fachberatungen aus acht Kommunen haben verabredet, Materialien und Fortbildungen zur alltagsintegrierten "
       "Sprachbildung zu teilen.",
       R"(Sprache lernen Kinder am besten im Alltag: beim Essen, beim Spielen, beim Vorlesen. Damit das in )"
       R"(allen Kitas gelingt, haben sich Fachberatungen aus acht Kommunen zu einem Netzwerk zusammengeschlossen.

Beim ersten Treffen stand die Frage im Mittelpunkt, wie Fachkräfte mehrsprachige Kinder unterstützen können, )"
       R"(ohne die Familiensprache zu verdrängen. Das Netzwerk trifft sich künftig zweimal im Jahr; die )"
       R"(Materialien stehen allen Partnerkommunen offen.)",
       "fruehe-bildung", 28},
      {"erstakademiker-hochschulen-buendeln-beratung",
       "Als Erste in der Familie an die Hochschule: Partner bündeln Beratung",
       "Die Partnerhochschulen stimmen ihre Angebote für Studieninteressierte aus nichtakademischen Familien "
       "aufeinander ab.",
       R"(Wer als Erste oder Erster in der Familie studiert, hat oft niemanden, der aus eigener Erfahrung )"
       R"(berichten kann. Die Partnerhochschulen von RuhrFutur stimmen deshalb ihre Beratungsangebote aufeinander ab.

Schülerinnen und Schüler sollen künftig an einer Stelle erfahren, welche Hochschule in der Region zu ihren )"
       R"(Interessen passt, wie die Studienfinanzierung funktioniert und wer in den ersten Semestern hilft – )"
       R"(unabhängig davon, an welche Hochschule sie sich zuerst wenden.)",
       "hochschule", 35},
      {"neue-indikatoren-schulabschluesse", "Bildungsmonitoring: Neue Indikatoren zu Schulabschlüssen",
       "Im Bildungsmonitoring stehen jetzt Indikatoren zu Abschlüssen allgemeinbildender Schulen bereit – für alle "
       "Kreise und kreisfreien Städte.",
       R"(Das Bildungsmonitoring ist um Indikatoren zu Schulabschlüssen erweitert worden. Alle Werte sind )"
       R"(für die 15 Kreise und kreisfreien Städte der Metropole Ruhr sowie für Nordrhein-Westfalen abrufbar.

| Indikator | Quelle | Gliederung |
|---|---|---|
| Abgänge ohne Hauptschulabschluss | IT.NRW, Tabelle 21111-02-06-4 | nach Geschlecht |
| Abschlüsse mit Hochschulreife | IT.NRW, Tabelle 21111-02-06-4 | nach Geschlecht |
| Zeitreihe seit 1995 | INKAR (BBSR) | Quoten |

Wo nur Quoten veröffentlicht sind, gewichten wir mit der passenden Bevölkerung und kennzeichnen das Ergebnis )"
       R"(als geschätzt.)",
       "bildungsmonitoring", 43},
      {"austausch-schulleitungen-sozialindex", "Schulen in herausfordernder Lage: Schulleitungen im Austausch",
       "Rund 40 Schulleitungen von Schulen mit hohem Sozialindex haben Erfahrungen zu Personalgewinnung und Ganztag "
       "geteilt.",
       R"(Schulen mit hohem Sozialindex stehen vor besonderen Aufgaben – und haben oft kreative Lösungen )"
       R"(gefunden. Beim Austauschtreffen haben rund 40 Schulleitungen aus dem Ruhrgebiet über )"
       R"(Personalgewinnung, multiprofessionelle Teams und den Ganztag gesprochen.

Verabredet wurde, die Treffen regelmäßig fortzusetzen und gute Beispiele in einer gemeinsamen Sammlung )"
       R"(festzuhalten.)",
       "schule", 51},
      {"fachbeirat-empfiehlt-neue-massnahmen", "Fachbeirat empfiehlt zwei neue Maßnahmen",
       "Der unabhängige Fachbeirat hat zwei Vorhaben von Partnern geprüft und zur Bewilligung empfohlen.",
       R"(Bevor neue Maßnahmen der Partner bewilligt werden, prüft sie der unabhängige **Fachbeirat**: Ist )"
       R"(das Ziel klar? Passt die Maßnahme zur gemeinsamen Agenda? Lässt sich die Wirkung messen?

In seiner jüngsten Sitzung hat der Fachbeirat zwei Vorhaben zur Bewilligung empfohlen: ein Programm zur )"
       R"(Sprachbildung in Familienzentren und eine Beratungsreihe für Studieninteressierte. Ein drittes )"
       R"(Vorhaben soll überarbeitet und erneut vorgelegt werden.

Wie die Gremien zusammenarbeiten, erklären wir auf der Seite [Über uns](/ueber-uns#gremien).)",
       "", 60},
      {"steuerungsgruppe-arbeitsprogramm", "Steuerungsgruppe beschließt Arbeitsprogramm",
       "Die Steuerungsgruppe hat die operativen Ziele für das kommende Jahr festgelegt.",
       R"(Die Steuerungsgruppe hat das Arbeitsprogramm für das kommende Jahr beschlossen. Es übersetzt die )"
       R"(strategischen Ziele der Leitungsgruppe in konkrete, überprüfbare Vorhaben.

Schwerpunkte sind die Fortschreibung des Bildungsmonitorings, die zweite Welle der Befragung des )"
       R"(Schulpersonals und der Ausbau der Zusammenarbeit an Übergängen. Über den Stand berichtet die )"
       R"(Geschäftsstelle zweimal im Jahr.)",
       "", 74},
      {"tag-der-offenen-hochschulen", "RuhrFutur beim Tag der offenen Hochschulen",
       "Am Stand von RuhrFutur konnten Schülerinnen und Schüler erfahren, welche Wege zum Studium es in der Region "
       "gibt.",
       R"(Zum Tag der offenen Hochschulen waren auch die Partnerhochschulen von RuhrFutur mit einem )"
       R"(gemeinsamen Stand vertreten. Schülerinnen und Schüler konnten sich über Studiengänge, Stipendien )"
       R"(und Unterstützung in den ersten Semestern informieren.

Besonders gefragt waren Gespräche mit Studierenden, die selbst als Erste in ihrer Familie an eine Hochschule )"
       R"(gekommen sind.)",
       "hochschule", 90},
      {"kita-plaetze-dort-wo-sie-fehlen", "Kita-Plätze dort, wo sie am meisten fehlen",
       "Drei Jugendämter planen den Ausbau ihrer Kitas künftig kleinräumig nach Bedarf.",
       R"(Wo fehlen Kita-Plätze am meisten? Drei Jugendämter haben dafür Bevölkerungs-, Sozial- und )"
       R"(Betreuungsdaten auf Ebene der Stadtteile zusammengeführt. Das Ergebnis: Der Ausbau soll zuerst dort )"
       R"(erfolgen, wo heute besonders wenige Kinder unter drei Jahren betreut werden.

Das Vorgehen ist in der Handreichung [Daten nutzen in der )"
       R"(Kita-Bedarfsplanung](/publikationen/daten-nutzen-kita-bedarfsplanung) beschrieben.)",
       "fruehe-bildung", 104},
      {"netzwerktreffen-bildungsbueros", "Netzwerktreffen der kommunalen Bildungsbüros",
       "Die Bildungsbüros der Partnerkommunen haben sich über gemeinsame Kennzahlen verständigt.",
       R"(Beim Netzwerktreffen der kommunalen Bildungsbüros ging es um eine einfache Frage mit großer )"
       R"(Wirkung: Welche Kennzahlen wollen alle Kommunen auf die gleiche Weise berechnen, damit Vergleiche )"
       R"(fair sind?

Verabredet wurde eine gemeinsame Liste von Indikatoren für die frühe Bildung und die Schulabschlüsse. Die )"
       R"(Geschäftsstelle stellt die Berechnungen im Bildungsmonitoring bereit.)",
       "bildungsmonitoring", 118},
      {"jahresforum-bildungsregion", "Jahresforum der Bildungsregion: Programm steht fest",
       "Beim Jahresforum stellen die Partner ihre Ergebnisse vor und diskutieren die nächsten Schritte.",
       R"(Das Programm des diesjährigen Jahresforums steht fest. Im Mittelpunkt stehen die Ergebnisse des )"
       R"(Bildungsmonitorings und die Frage, welche Maßnahmen ausgeweitet werden sollen.

Die Anmeldung ist ab sofort möglich.)",
       "", 0, DemoState::scheduled},
      {"rueckblick-schuljahr-entwurf", "Rückblick auf das Schuljahr (Entwurf)",
       "Ein Entwurf, der noch nicht veröffentlicht ist.",
       R"(Dieser Text ist ein Entwurf und für Besucherinnen und Besucher nicht sichtbar.)", "schule", 1,
       DemoState::draft},
  };
  return news;
}

const std::vector<DemoPublication>& demo_publications() {
  static const std::vector<DemoPublication> publications = {
      {"bildungsbericht-ruhr-2025",
       "Bildungsbericht Ruhr 2025",
       "Die Befunde zur Bildungsbiografie in der Metropole Ruhr: online mit allen Abbildungen, Daten und Webcodes, "
       "als PDF und mit einem Profil für jede Kommune.",
       R"(Der Bildungsbericht Ruhr 2025 beschreibt die Bildungsbiografie in der Metropole Ruhr in fünf )"
       R"(Kapiteln – Rahmenbedingungen, frühe Bildung, allgemeinbildende Schulen, berufliche Bildung und )"
       R"(Hochschule – und fasst die Befunde zusammen. Jede Zahl ist aus den amtlichen Statistiken des )"
       R"([Bildungsmonitorings](/monitor) berechnet; jede Abbildung nennt ihre Quelle und führt über ihren )"
       R"(Webcode direkt zu ihren Daten.

Der Bericht ist [online](/bericht/) zu lesen und steht dort als PDF bereit, dazu Profile der 15 Kreise )"
       R"(und kreisfreien Städte und der 53 Kommunen.)",
       "bildungsbericht",
       "bildungsmonitoring",
       "RuhrFutur gGmbH",
       2025,
       11,
       {11, 83, 148},
       {255, 191, 71},
       {"## Worum es geht",
        "Der Bildungsbericht Ruhr 2025 beschreibt die Bildungsbiografie in der Metropole Ruhr mit ihren 53 Kommunen "
        "und rund 5,1 Millionen Menschen.",
        "## Vergleiche",
        "Die Kennzahlen werden für die 15 Kreise und kreisfreien Städte sowie im Vergleich mit Nordrhein-Westfalen, "
        "dem Rheinland ohne Ruhr und Westfalen ohne Ruhr dargestellt.",
        "## Online-Fassung", "Alle Kapitel, Abbildungen, Daten und Webcodes: /bericht/ auf der Website von RuhrFutur."},
       "/bericht/"},
      {"fortbildungsbedarfe-schulpersonal",
       "Fortbildungsbedarfe des Schulpersonals im Ruhrgebiet",
       "Ergebnisse der Befragung von Lehrkräften, pädagogischem Personal, Alltagshelferinnen und -helfern und "
       "Schulverwaltungen.",
       R"(Die Studie wertet die Befragung des Schulpersonals aus und zeigt, welche Fortbildungsthemen an )"
       R"(Schulen in unterschiedlicher Lage besonders gefragt sind.

Die Ergebnisse sind nach Schulform und nach Sozialindex der Schulen gegliedert und wurden mit den )"
       R"(Fortbildungseinrichtungen der Region besprochen.)",
       "studie",
       "lehrkraeftefortbildung",
       "RuhrFutur",
       2026,
       3,
       {30, 107, 52},
       {232, 244, 234},
       {"## Anlage der Befragung",
        "Befragt wurden alle Berufsgruppen an Schulen. Die Ergebnisse werden nur zusammengefasst berichtet.",
        "## Nutzung", "Die Fortbildungseinrichtungen nutzen die Ergebnisse, um Angebote zu planen."}},
      {"daten-nutzen-kita-bedarfsplanung",
       "Daten nutzen in der Kita-Bedarfsplanung",
       "Eine Handreichung für Jugendämter: Welche Daten helfen, Plätze dort zu schaffen, wo sie am meisten gebraucht "
       "werden?",
       R"(Die Handreichung zeigt Schritt für Schritt, wie Jugendämter Bevölkerungs-, Sozial- und )"
       R"(Betreuungsdaten zusammenführen können, um Bedarfe kleinräumig zu erkennen.

Beispiele aus Partnerkommunen zeigen, wie die Ergebnisse in die Planung eingeflossen sind.)",
       "handreichung",
       "fruehe-bildung",
       "RuhrFutur",
       2023,
       6,
       {94, 53, 177},
       {237, 231, 246},
       {"## Für wen", "Für Fachkräfte der Jugendhilfeplanung und der Kita-Bedarfsplanung.", "## Schritte",
        "Daten zusammenstellen, kleinräumig auswerten, Ergebnisse mit Trägern besprechen, Planung anpassen."}},
      {"uebergaenge-gestalten-dokumentation",
       "Übergänge gestalten – Dokumentation des Fachtags",
       "Die Ergebnisse der sechs Werkstätten zum Übergang von der Kita in die Grundschule.",
       R"(Die Dokumentation fasst Vorträge und Werkstattergebnisse des Fachtags zusammen: gemeinsame )"
       R"(Beobachtungsbögen, Sprachstandsfeststellung, Zusammenarbeit mit Eltern und Übergabegespräche.

Sie enthält außerdem eine Checkliste für Kommunen, die den Übergang Kita – Grundschule gemeinsam mit allen )"
       R"(Beteiligten gestalten wollen.)",
       "dokumentation",
       "uebergaenge",
       "RuhrFutur",
       2025,
       9,
       {138, 28, 28},
       {251, 234, 234},
       {"## Werkstätten", "Sechs Werkstätten haben Vorschläge für gelingende Übergänge erarbeitet.", "## Checkliste",
        "Die Checkliste hilft Kommunen, Zuständigkeiten und Termine zu klären."}},
      {"studienstart-in-der-region-faktenblatt",
       "Studienstart in der Region – Faktenblatt",
       "Zahlen zu Studienanfängerinnen und -anfängern an den Hochschulen im Ruhrgebiet auf zwei Seiten.",
       R"(Das Faktenblatt stellt zentrale Kennzahlen zum Studienbeginn in der Region zusammen und ordnet sie )"
       R"(ein. Es nennt zu jeder Zahl die Quelle.)",
       "faktenblatt",
       "hochschule",
       "RuhrFutur",
       2022,
       10,
       {7, 55, 99},
       {200, 225, 245},
       {"## Kennzahlen",
        "Studierende je Einwohnerin und Einwohner, Studienanfängerquote und Herkunft der Studierenden.", "## Quellen",
        "INKAR (BBSR) und Hochschulstatistik von IT.NRW."}},
      {"ressourcen-nach-bedarf-positionspapier",
       "Ressourcen nach Bedarf: Positionspapier zur Schulfinanzierung",
       "Warum Schulen in herausfordernder Lage mehr Unterstützung brauchen – und wie der Sozialindex dabei hilft.",
       R"(Das Positionspapier beschreibt, wie eine Verteilung von Stellen und Mitteln nach dem schulscharfen )"
       R"(Sozialindex zu mehr Bildungsgerechtigkeit beitragen kann, und benennt offene Fragen.)",
       "positionspapier",
       "schule",
       "Steuerungsgruppe RuhrFutur",
       2020,
       2,
       {74, 74, 85},
       {230, 230, 235},
       {"## Ausgangslage", "Schulen arbeiten unter sehr unterschiedlichen Bedingungen.", "## Vorschläge",
        "Mittel nach Bedarf verteilen, Wirkung beobachten, Schulen beteiligen."}},
  };
  return publications;
}

const std::vector<DemoJob>& demo_jobs() {
  static const std::vector<DemoJob> jobs = {
      {"referentin-referent-bildungsmonitoring", "Referentin oder Referent Bildungsmonitoring (m/w/d)",
       "Sie bauen das gemeinsame Bildungsmonitoring der Region mit aus: Daten importieren, Indikatoren berechnen, "
       "Ergebnisse verständlich aufbereiten.",
       R"(## Ihre Aufgaben

- amtliche Statistiken importieren, prüfen und dokumentieren
- Indikatoren entlang der Bildungsbiografie berechnen und fortschreiben
- Ergebnisse für Kommunen, Gremien und Öffentlichkeit aufbereiten
- Kommunen bei der Nutzung der Daten beraten

## Ihr Profil

- abgeschlossenes Studium der Sozialwissenschaften, Statistik, Geografie oder eines verwandten Fachs
- Erfahrung mit amtlicher Statistik und einer Statistiksoftware
- Freude daran, Zahlen verständlich zu erklären

## Wir bieten

Eine unbefristete Vollzeitstelle, flexible Arbeitszeiten, mobiles Arbeiten und ein Team, das gemeinsam etwas )"
       R"(bewegen will.)",
       "vollzeit", "Essen", 45},
      {"studentische-hilfskraft-datenanalyse", "Studentische Hilfskraft Datenanalyse (m/w/d)",
       "Unterstützen Sie das Team Bildungsmonitoring bei Auswertungen und Grafiken – zehn Stunden pro Woche.",
       R"(## Ihre Aufgaben

- Daten aufbereiten und auf Plausibilität prüfen
- Tabellen und Grafiken für Berichte erstellen
- Recherchen zu Datenquellen

## Ihr Profil

Sie studieren Sozialwissenschaften, Statistik, Informatik oder ein verwandtes Fach und arbeiten sorgfältig.)",
       "hilfskraft", "Essen oder mobil", 30},
  };
  return jobs;
}

const std::vector<DemoMember>& demo_team() {
  static const std::vector<DemoMember> team = {
      {"miriam-beispiel", "Dr. Miriam Beispiel", "Leitung der Geschäftsstelle",
       "Koordiniert die Zusammenarbeit der Partner und begleitet Leitungs- und Steuerungsgruppe. (Fiktive Person)"},
      {"jonas-platzhalter", "Jonas Platzhalter", "Bildungsmonitoring",
       "Verantwortet Datenimporte und Indikatoren des Bildungsmonitorings. (Fiktive Person)"},
      {"aylin-muster", "Aylin Muster", "Frühe Bildung und Übergänge",
       "Begleitet die Netzwerke zur Sprachbildung und zum Übergang Kita – Grundschule. (Fiktive Person)"},
      {"tomasz-exempel", "Tomasz Exempel", "Schule und Lehrkräftefortbildung",
       "Organisiert die Befragung des Schulpersonals und den Austausch der Schulleitungen. (Fiktive Person)"},
      {"kofi-probst", "Kofi Probst", "Hochschule",
       "Arbeitet mit den Partnerhochschulen an Beratung und Studienerfolg. (Fiktive Person)"},
      {"lea-demo", "Lea Demo", "Kommunikation",
       "Verantwortet Website, Newsletter und Veranstaltungen. (Fiktive Person)"},
  };
  return team;
}

const std::vector<DemoCommittee>& demo_committees() {
  static const std::vector<DemoCommittee> committees = {
      {"leitungsgruppe", "Leitungsgruppe",
       "Legt die Strategie fest: das gemeinsame Ziel und die Schwerpunkte der Zusammenarbeit.",
       R"(In der Leitungsgruppe sind die Partner auf Leitungsebene vertreten – Land, Stiftung, )"
       R"(Regionalverband, Kommunen und Hochschulen. Sie tagt zweimal im Jahr und entscheidet über die )"
       R"(strategische Ausrichtung.)",
       "leitung"},
      {"steuerungsgruppe", "Steuerungsgruppe",
       "Übersetzt die Strategie in operative Ziele und beschließt das Arbeitsprogramm.",
       R"(Die Steuerungsgruppe besteht aus Fachleuten der Partner. Sie beschließt jährlich das )"
       R"(Arbeitsprogramm, verfolgt den Stand der Vorhaben und entscheidet über die Bewilligung neuer )"
       R"(Maßnahmen – nach Empfehlung des Fachbeirats.)",
       "steuerung"},
      {"arbeitsgruppen", "Arbeitsgruppen",
       "Setzen die Vorhaben um: in Themengruppen zu früher Bildung, Schule, Übergängen, Hochschule und Monitoring.",
       R"(In den Arbeitsgruppen arbeiten Fachkräfte aus Verwaltung, Einrichtungen und Wissenschaft zusammen. )"
       R"(Die Geschäftsstelle moderiert sie und sorgt dafür, dass Ergebnisse in die Steuerungsgruppe gelangen.)",
       "arbeit"},
      {"fachbeirat", "Fachbeirat",
       "Berät die Geschäftsstelle unabhängig und gibt Empfehlungen, bevor neue Maßnahmen bewilligt werden.",
       R"(Der Fachbeirat ist mit unabhängigen Expertinnen und Experten aus Wissenschaft und Praxis besetzt. )"
       R"(Er prüft neue Maßnahmen der Partner auf Ziel, Passung zur gemeinsamen Agenda und Messbarkeit der )"
       R"(Wirkung. Sein Votum ist die Grundlage für die Entscheidung über die Bewilligung.)",
       "beratung"},
  };
  return committees;
}

const std::vector<DemoPartner>& demo_partners() {
  static const std::vector<DemoPartner> partners = {
      {"stiftung-mercator", "Stiftung Mercator", "stiftung", "https://www.stiftung-mercator.de", ""},
      {"land-nrw", "Land Nordrhein-Westfalen", "land", "https://www.land.nrw", ""},
      {"regionalverband-ruhr", "Regionalverband Ruhr", "regionalverband", "https://www.rvr.ruhr", ""},
      {"stadt-bochum", "Stadt Bochum", "stadt", "https://www.bochum.de", ""},
      {"stadt-bottrop", "Stadt Bottrop", "stadt", "https://www.bottrop.de", ""},
      {"stadt-dortmund", "Stadt Dortmund", "stadt", "https://www.dortmund.de", ""},
      {"stadt-duisburg", "Stadt Duisburg", "stadt", "https://www.duisburg.de", ""},
      {"stadt-essen", "Stadt Essen", "stadt", "https://www.essen.de", ""},
      {"stadt-gelsenkirchen", "Stadt Gelsenkirchen", "stadt", "https://www.gelsenkirchen.de", ""},
      {"stadt-hagen", "Stadt Hagen", "stadt", "https://www.hagen.de", ""},
      {"stadt-hamm", "Stadt Hamm", "stadt", "https://www.hamm.de", ""},
      {"stadt-herne", "Stadt Herne", "stadt", "https://www.herne.de", ""},
      {"stadt-muelheim-an-der-ruhr", "Stadt Mülheim an der Ruhr", "stadt", "https://www.muelheim-ruhr.de", ""},
      {"kreis-recklinghausen", "Kreis Recklinghausen", "kreis", "https://www.kreis-re.de", ""},
      {"ennepe-ruhr-kreis", "Ennepe-Ruhr-Kreis", "kreis", "https://www.enkreis.de", ""},
      {"ruhr-universitaet-bochum", "Ruhr-Universität Bochum", "hochschule", "https://www.ruhr-uni-bochum.de", ""},
      {"tu-dortmund", "Technische Universität Dortmund", "hochschule", "https://www.tu-dortmund.de", ""},
      {"universitaet-duisburg-essen", "Universität Duisburg-Essen", "hochschule", "https://www.uni-due.de", ""},
      {"fh-dortmund", "Fachhochschule Dortmund", "hochschule", "https://www.fh-dortmund.de", ""},
      {"hochschule-bochum", "Hochschule Bochum", "hochschule", "https://www.hochschule-bochum.de", ""},
      {"hochschule-ruhr-west", "Hochschule Ruhr West", "hochschule", "https://www.hochschule-ruhr-west.de", ""},
      {"westfaelische-hochschule", "Westfälische Hochschule", "hochschule", "https://www.w-hs.de", ""},
      {"netzwerk-bildungsinitiativen", "Netzwerk zivilgesellschaftlicher Bildungsinitiativen (Beispiel-Eintrag)",
       "zivilgesellschaft", "",
       "Steht für Vereine, Elterninitiativen und freie Träger, die in den Arbeitsgruppen mitwirken."},
  };
  return partners;
}

}  // namespace rf::portal
