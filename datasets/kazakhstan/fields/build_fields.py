#!/usr/bin/env python3
"""Writes fields.csv (one level up, in the data folder) from the hand-coded activities below (stdlib only).

Each activity: (event_id, channel, partners, when, framework, locator, quote, note)
partners: list of (partner, value, value_low, value_high) or plain partner name (value 1).
when: int year or (start, end) period.
"""
import csv
import os

U = "activities"
E = []  # list of activity dicts


def add(eid, channel, partners, when, framework, locator, quote, note):
    E.append(dict(eid=eid, channel=channel, partners=partners, when=when,
                  framework=framework, locator=locator, quote=quote, note=note))


# ---------------------------------------------------------------- PEACEKEEPING
add("F001", "peacekeeping", [("United Nations", 1, 0, 1)], 1994, "multilateral-other",
    "lines 3195-3206",
    "Die Initiative zur Errichtung eines zentralasiatischen Friedensbataillons unter der Ägide der UNO wurde erstmals vom kasachischen Präsidenten N. Nasarbajew dem stellvertretenden Generalsekretär der UNO M. Goulding im Dezember 1994 mitgeteilt. Später soll dieser Vorschlag auch vom UNO-Generalsekretär Boutros-Ghali begrüßt und unterstützt worden sein.",
    "Dec 1994: Kazakh proposal of a Central Asian peacekeeping battalion under UN aegis, presented to the UN. UN support only reported ('soll ... begrüßt und unterstützt worden sein'), hence value_low 0.")

add("F002", "peacekeeping", ["Kyrgyzstan", "Uzbekistan"], 1995, "CENTRAZBAT",
    "lines 3213-3219",
    "Im Dezember 1995 bei einem Treffen in Kasachstan haben die drei Staatsoberhäupter von Kasachstan, Kirgisistan und Usbekistan ein Abkommen zur Schaffung zentralasiatischen Bataillons der Friedenstruppen (CENTRAZBAT) unter der Ägide der UNO unterzeichnet.",
    "Dec 1995 agreement founding CENTRAZBAT (same event as agreements A063). Framework CENTRAZBAT as in the project's frameworks.csv (the brief's short list would put it under multilateral-other). UN is only the nominal aegis, not a party: no UN row.")

add("F003", "peacekeeping", ["United States"], (1995, 2000), "CENTRAZBAT",
    "lines 17481-17485; 17786-17792",
    "Als erste praktische Umsetzung der amerikanisch-kasachischen Zusammenarbeit in der Region lässt sich das, unter der US-amerikanischen Führung aufgebaute, zentralasiatische Bataillon (CENTRAZBAT) anführen. [...] Indem die USA die Gründung von KAZBAT (Zentralasiatisches Friedensbataillon. Siehe Kap. 3 dieser Arbeit) Mitte der 1990-er Jahre aktiv unterstützt haben",
    "US-led build-up of / support to CENTRAZBAT (the author's 'KAZBAT' here is glossed by himself as the Central Asian battalion, i.e. CENTRAZBAT). Text: 'Mitte der 1990-er Jahre'; period coded 1995-2000 = from the founding agreement (Dec 1995) to the end of the battalion (2000, lines 3239-3247).")

add("F004", "peacekeeping",
    [(p, 1, "", 4) for p in ["Kyrgyzstan", "Uzbekistan", "United States", "Russia", "United Kingdom",
                               "Turkey", "Azerbaijan", "Mongolia", "Georgia"]],
    (1997, 2000), "CENTRAZBAT",
    "lines 3226-3236; 17499-17503",
    "Schon in den Folgejahren begann man gemeinsame internationale, militärische Übungen abzuhalten. Insgesamt fanden vier solcher Übungen statt. Die Anzahl der Teilnehmerstaaten variierte von Jahr zu Jahr. Außer den Unterzeichnerstaaten nahmen an den Übungen Soldaten aus den USA, Russland, Großbritannien, der Türkei, Aserbaidschan, der Mongolei und Georgien teil. [...] Die USA haben auch an internationalen militärischen Übungen im Rahmen von \"CENTRAZBAT\" im Zeitraum 1997-2000 teilgenommen.",
    "The four CENTRAZBAT peacekeeping exercises 1997-2000 as one series: value 1 = the partner took part in the series; in how many of the 4 exercises is not stated ('variierte von Jahr zu Jahr'), hence value_high 4. Period 1997-2000 from the US line (17499-17501); the last exercise was autumn 2000 (3267-3271). Signatories KG, UZ included ('Außer den Unterzeichnerstaaten'). Tajikistan is not named. Centrazbat-2000 (Aug-Sep 2000, in KZ) is part of this series and not coded separately (its participants are not named).")

add("F005", "peacekeeping", ["United States"], (2003, 2007), "bilateral",
    "lines 17522-17532",
    "Der erste Fünfjahresplan für den Zeitraum 2003-2007 liegt dagegen nicht vor. [...] Kooperationsbemühungen der USA - im ersten Fünfjahresplan - liegen v.a. in der Pecekeeping-Ausbildung sowie dem Ausbau der kasachischen Seestreitkräfte, Aufbau der militärischen Infrastruktur im Westen Kasachstans.",
    "First US-KZ five-year plan 2003-2007, main US effort: peacekeeping training (agreements A119). Coded over the plan's running period.")

add("F006", "peacekeeping", ["United States"], (2008, 2012), "bilateral",
    "lines 17917-17923; 17941-17943",
    "Kasachisch-amerikanische militärische Kooperation gestaltet sich v.a. in zwei Bereichen: Dem Ausbau von Kapazitäten, um an internationalen Friedenseinsätzen, unter der Ägide der UNO und/oder der NATO, teilnehmen zu können sowie bei der militärischen Ausbildung. [...] Im Zweiten Fünfjahresplan (2008-2012) fanden sich sämtliche Kooperationsbereiche wieder.",
    "Second US-KZ five-year plan 2008-2012 (agreements A120); contains all cooperation areas, peacekeeping capacity being one of the two main ones. Many goals of this plan were not reached (17978-17986).")

add("F007", "peacekeeping", ["United States"], (2013, 2017), "bilateral",
    "lines 17537-17544",
    "Weiterentwicklung der für Peacekeeping-Einsätze vorgesehenen Truppen (KAZBAT/KAZBRIG) mit dem Ziel diese Brigade für die Teilnahme an Friedensmissionen auszubilden.",
    "Third US-KZ five-year plan 2013-2017 (agreements A121): first of its five goals (introduced at line 17454 'Diese sind: Erstens,'). Running period extends beyond the study window (2014); a uniform spread puts 2/5 of it in 2013-2014.")

add("F008", "peacekeeping", ["United States"], (2003, 2013), "bilateral",
    "lines 17830-17834; 17884-17896",
    "Dieser Plan schließt auch die Lieferung von militärischer Technik mit ein. [...] Der überwiegende Teil dieser Lieferungen verteilt sich auf die Friedenstruppen der kasachischen Armee (KAZBRIG/KAZBAT).",
    "Free US deliveries of equipment (C-130, Huey-2 helicopters, over 100 Humvees; Humvee maintenance centre Almaty Nov 2005), mostly to the peacekeeping units. One activity over 2003 (plan including deliveries) to 2013 (interview); years of individual deliveries not stated (a delivery decision after Andijan 2005 is mentioned, 17899-17905). Money: over USD 91 m for training AND deliveries together (17894-17896, interviewee E) - not peacekeeping-only, so not used as value (project arms_aid has it).")

add("F009", "peacekeeping", [("United States", 1, 0, 1)], (2003, 2008), "multilateral-other",
    "lines 17582-17588; 17630-17632",
    "Der bisher erreichte Ausbildungsstand ist ein maßgeblicher Verdienst der US-amerikanischen Unterstützung. Dies wird von den Offiziellen aus Astana ständig betont. Der Einsatz kasachischer Soldaten mit einem Pionierzug zur Minenräumung und -Entschärfung im Irak (2003-2008) kann bis heute als einziger internationaler Friedenseinsatz gewertet werden.",
    "Deployment of a Kazakh engineer (demining) platoon in Iraq 2003-2008, KZ's only international peace operation (also 15060-15064, 18290-18292). The seed names no coalition or lead nation; attributed to the United States because the author presents it as the result of US support - partner attribution uncertain, hence value_low 0.")

add("F010", "peacekeeping", ["United States"], 2013, "bilateral",
    "lines 17692-17698",
    "Im Jahre 2013 wurde im Verteidigungsministerium Kasachstans eine Abteilung ins Leben gerufen, welche den Ausbildungsbetrieb der Friedenseinheiten (KAZBRIG bzw. KAZBAT) überwachen sowie deren Einsatz bei internationalen Friedeneinsätzen koordinieren soll. Zur Erarbeitung der dafür notwendigen normativen Grundlagen wurde die US-Armee konsultiert.",
    "2013: US Army consulted for the legal basis of the new MoD peacekeeping department.")

add("F011", "peacekeeping", ["NATO"], 2002, "NATO-PfP",
    "lines 18504-18517; 18546-18548",
    "Dieses Programm reiht sich an das eben erwähnte COP ein und ist u.a. darauf gerichtet auserwählte Teile der nationalen Streitkräfte von Kasachstan in einer Art und Weise auszubilden, um die Interoperabilität mit den NATO-Truppen zu erreichen. Wichtig ist auch zu erwähnen, dass erst mit der Aufnahme dieses Programms, sich die Möglichkeit eröffnete, an Friedensmissionen in Konfliktregionen teilzunehmen. [...] In diesem Programm beteiligt sich Kasachstan seit 2002.",
    "KZ joins NATO's Planning and Review Process (PAP/PARP) in 2002 (agreements A130); aimed at the units selected for multinational peace operations, i.e. KAZBAT/KAZBRIG (18551-18557). Coded at the accession year (two-year cycles not dated individually except 2010).")

add("F012", "peacekeeping", ["NATO"], 2010, "NATO-PfP",
    "lines 18527-18529; 18560-18568",
    "Aus den insgesamt 31 Kooperationsbereichen bzw. Kooperationszielen aus dem Jahr 2010 richteten sich 27 an die Streitkräfte. [...] Die Armee kooperiert im Rahmen dieses Programms v.a. in folgenden Bereichen: Planung und Reformen der Streitkräfte; Training und Ausrüstung der Friedenstruppen gemäß NATO-Standards; Sprachtraining, Training der Stabsoffiziere, Grenzsicherung, Krisenbewältigung.",
    "PAP partnership goals 2010 (agreements A131) incl. training and equipment of peacekeeping troops to NATO standards. Same event also coded in border_security (border-troop projects).")

add("F013", "peacekeeping", ["NATO"], 2004, "NATO-PfP",
    "lines 18422-18426; 18474-18476",
    "Das Programm ist ein Instrument, das es ermöglicht, den Bereitschaftsgrad eines gemeinsamen Einsatzes von Friedenstruppen der Partnerländer mit den Streitkräften der NATO-Staaten abzuschätzen. [...] Diesem Programm ist Kasachstan - als einziges Land Zentralasiens - im Januar 2004 beigetreten.",
    "KZ joins NATO's Operational Capabilities Concept (COP/OCC), Jan 2004 (agreements A134).")

add("F014", "peacekeeping", ["NATO"], (2004, 2013), "NATO-PfP",
    "lines 18430-18432; 18479",
    "Derzeit haben über 20 Soldaten aus Kasachstan an NATO-Schulungen die Ausbildung zum Gutachter von COP durchlaufen. [...] Stand: September 2013.",
    "NATO training of over 20 Kazakh COP evaluators (for certifying KAZBAT), 2004 (COP accession) to Sept 2013; one training activity (persons are in the project's training channel).")

add("F015", "peacekeeping", ["NATO", ("United States", 1, 0, 1), ("United Kingdom", 1, 0, 1)],
    (2006, 2008), "NATO-PfP",
    "lines 18441-18449; 18733-18737",
    "Zwischen 2006 und 2008, insbesondere während der internationalen Übung \"Steppen-Adler\", beurteilten die NATO-Experten die Interoperabilität einer Kompanie von KAZBAT. Die Prüfung ergab, dass die Kompanie voll und das Bataillon teilweise, interoperabel eingestuft wurden. [...] Während die USA und Großbritannien traditionell zu den Stamm-Teilnehmern bei der jährlich stattfindenden internationalen militärischen Übung \"Steppenadler\" angehören",
    "NATO interoperability evaluation of a KAZBAT company 2006-2008, mainly during Steppe Eagle (one activity over the period; the yearly Steppe Eagle editions are not dated individually in the seed). US and UK are the 'traditional regular participants' of Steppe Eagle but are not named for these years: value_low 0.")

add("F016", "peacekeeping", ["NATO", "United States", "United Kingdom", "Germany"], 2012, "NATO-PfP",
    "lines 18449; 18480-18482; 18733-18737",
    "Während der beiden weiteren Übungen in den Jahren 2012 und 2013 haben die kasachischen Soldaten gemeinsam mit NATO-Repräsentanten weitere \"Selbsteinschätzungen\" durchgeführt. [...] Während die USA und Großbritannien traditionell zu den Stamm-Teilnehmern bei der jährlich stattfindenden internationalen militärischen Übung \"Steppenadler\" angehören, nahmen bei dieser Übung im Jahre 2012 erstmals auch andere NATO-Staaten - darunter bspw. Deutschland - teil.",
    "Steppe Eagle 2012 with NATO representatives (interoperability self-assessment), US, UK ('auch andere' implies the regulars took part) and, for the first time, Germany; 'other NATO states' beyond Germany not named -> not coded. Same exercise as project exercises EX20.")

add("F017", "peacekeeping", ["NATO", ("United States", 1, 0, 1), ("United Kingdom", 1, 0, 1)], 2013, "NATO-PfP",
    "lines 18449; 18480-18482; 18733-18735",
    "Während der beiden weiteren Übungen in den Jahren 2012 und 2013 haben die kasachischen Soldaten gemeinsam mit NATO-Repräsentanten weitere \"Selbsteinschätzungen\" durchgeführt. [...] Während die USA und Großbritannien traditionell zu den Stamm-Teilnehmern bei der jährlich stattfindenden internationalen militärischen Übung \"Steppenadler\" angehören",
    "Steppe Eagle 2013 (name inferred from context, as in exercises EX24) with NATO representatives; US/UK as 'traditional regular participants' not named for 2013: value_low 0.")

IPAP_Q = "Das IPAP wird alle zwei Jahre neu beschlossen. Die Schwerpunkte des Programms umfassen alle Kooperationsbereiche zwischen der NATO und Kasachstan."
add("F018", "peacekeeping", ["NATO"], (2006, 2008), "NATO-PfP",
    "lines 18148-18150; 18205-18207; 18231-18235; 18368",
    "Kasachstan trat im Januar 2006 dem IPAP bei. und hob damit die Beziehungen zur Nato auf ein neues Niveau. [...] " + IPAP_Q + " [...] Militärische Aspekte wie bspw. die Modernisierung der Streitkräfte und des Sicherheitssektors im Allgemeinen sowie die Ausbildung und Erhöhung des \"Peacekeeping-Potenzials\" der Armee stehen darüber hinaus im Fokus. [...] Erste Phase 2006-2008, zweite Phase 2009-2011, dritte Phase 2012-2013.",
    "NATO IPAP cycle 1 (2006-2008; agreements A136); peacekeeping potential is an explicit focus. The same IPAP cycles are also coded in counter_terrorism (same event_id).")
add("F019", "peacekeeping", ["NATO"], (2009, 2011), "NATO-PfP",
    "lines 18205-18207; 18231-18235; 18368",
    IPAP_Q + " [...] Militärische Aspekte wie bspw. die Modernisierung der Streitkräfte und des Sicherheitssektors im Allgemeinen sowie die Ausbildung und Erhöhung des \"Peacekeeping-Potenzials\" der Armee stehen darüber hinaus im Fokus. [...] Erste Phase 2006-2008, zweite Phase 2009-2011, dritte Phase 2012-2013.",
    "NATO IPAP cycle 2 (2009-2011; agreements A137). The seed gives the peacekeeping focus for IPAP in general, not per cycle.")
add("F020", "peacekeeping", ["NATO"], (2012, 2013), "NATO-PfP",
    "lines 18205-18207; 18231-18235; 18368-18370",
    IPAP_Q + " [...] Militärische Aspekte wie bspw. die Modernisierung der Streitkräfte und des Sicherheitssektors im Allgemeinen sowie die Ausbildung und Erhöhung des \"Peacekeeping-Potenzials\" der Armee stehen darüber hinaus im Fokus. [...] Erste Phase 2006-2008, zweite Phase 2009-2011, dritte Phase 2012-2013. Das letztere wurde im August 2012 beschlossen.",
    "NATO IPAP cycle 3 (2012-2013, adopted Aug 2012; agreements A138).")

add("F021", "peacekeeping", ["NATO"], 2008, "NATO-PfP",
    "lines 18239-18249",
    "Im Rahmen dieses Programms wurde im Sommer 2008, erstmals im zentralasiatischen Raum, auf der Basis des militärischen Instituts der Bodentruppen in Almaty ein Ausbildungszentrum des PfP-Programms eröffnet. Die Hauptaufgaben dieses Zentrums wurden das Training der kasachischen Armee, der Armeeangehörigen der NATO-Länder sowie der anderen NATO-Partnerländer, als ein Beitrag im Vorbereitungsprozess bei Peacekeeping-Operationen.",
    "PfP training centre in Almaty opened summer 2008 for peacekeeping preparation (agreements A141).")
add("F022", "peacekeeping", ["NATO"], 2010, "NATO-PfP",
    "lines 18249-18253",
    "Im Dezember 2010 hat die NATO diese Einrichtung als 19. Trainings- und Ausbildungszentrum des Programms PfP anerkannt.",
    "Dec 2010: NATO recognises the Almaty centre as the 19th PfP Training and Education Centre (separate NATO act from the 2008 opening).")

add("F023", "peacekeeping", ["NATO"], (2003, 2012), "NATO-PfP",
    "lines 18695-18703; 18740-18742",
    "unter Beachtung der geringen Zahl an kasachischen Soldaten, die im Zeitraum von 2003 bis 2012 an unterschiedlichen Lehrgängen zur Vorbereitung auf Friedenseinsätze der UNO teilgenommen haben, ist zumindest Zweifel an der praktischen Verwirklichung dieses Ziels, angebracht. [...] Im Laufe der zehn Jahre nahmen etwas mehr als 30. kasachischer Soldaten an diesen Kursen/Lehrgängen teil.",
    "Courses preparing for UN peace operations, 2003-2012, just over 30 Kazakh soldiers; in the NATO/IPPC section, sourced from the MFA's NATO page - attributed to NATO as in the project's training channel (course provider not named explicitly).")

add("F024", "peacekeeping", [("NATO", 1, 0, 1)], 2010, "NATO-PfP",
    "lines 19084-19086; 19091; 19109-19116",
    "In den Jahren 2009 und 2010 haben die USA Kasachstan aktiv umworben, um das Land für eine Teilnahme am Afghanistan-Einsatz zu gewinnen. [...] Im Jahre 2010 wurde schließlich der Weg frei gemacht, um ein Abkommen mit der NATO über die Beteiligung Kasachstans am ISAF-Einsatz in Afghanistan zu unterzeichnen. [...] Es war vorgesehen vier Stabsoffiziere aus Kasachstan in den Stab der ISAF-Truppen nach Afghanistan zu entsenden.",
    "2010 agreement with NATO on sending 4 staff officers to ISAF (agreements A146). Never ratified (Senate refused in June 2011, government stopped ratification) and no deployment: value_low 0. ISAF counted as peace/stabilisation operation ('mirotvorchestvo' in the author's broad sense); framework NATO-PfP is the nearest project value (ISAF is not PfP).")

add("F025", "peacekeeping", ["CSTO"], 2007, "CSTO",
    "lines 7752-7761",
    "Doch erst drei Jahre nach dem Beschluss Mechanismen zur Durchführung von Friedenseinsätze durch die OVKS zu erarbeiten, wurde am 6. Oktober 2007 auf einem Treffen der OVKS-Staatschefs ein \"Abkommen über die Peacekeeping-Tätigkeit der OVKS\" unterzeichnet.",
    "CSTO peacekeeping agreement, Dushanbe 6 Oct 2007, in force 15 Jan 2009 (agreements A049). Member states not listed -> partner CSTO.")

CSTO13 = ["Russia", "Armenia", "Belarus", "Kyrgyzstan", "Tajikistan"]
add("F026", "peacekeeping", ["Russia", "Kyrgyzstan", "Armenia", "Belarus", "Tajikistan"], 2012, "CSTO",
    "lines 8165-8169; 8225; 8239-8241",
    "Während die Rubezh-Übungsreihe seit nahezu zehn Jahren bestehen, nahm die zur Vorbereitung der OVKS-Peacekeeping-Einheiten ausgerichtete Übung \"Nerushimoe bratstvo\" erstmals im Jahre 2012 ihren Anfang. [...] Die Übung \"Neruschimoe bratstvo-2012\" fand im Zeitraum vom 8 bis 17.10.2012 statt. [...] Insgesamt wurden 950 Personen in dieser Übung involviert, darunter 535 aus Kasachstan (aus Russland 160) und den Rest stellten Kirgisistan, Armenien, Weißrussland und Tadschikistan.",
    "First CSTO peacekeeping exercise, held in Kazakhstan, Oct 2012; Kazakhstan provided most troops (535 of 950). One row per named co-participant (as exercises EX19).")
add("F027", "peacekeeping", CSTO13, 2013, "CSTO",
    "lines 8313-8319",
    "Die Übung \"Neruschimoe bratstvo-2013\" fand im Zeitraum vom 7 bis 11.10.2013 in Russland statt. Ähnlich wie bei der ersten waren alle OVKS-Staaten mit Truppen vertreten. Die Gesamtzahl, der an der Übung teilnehmenden Soldaten betrug 2500 Personen und 500 Fahrzeuge. Kasachstan war mit seinem Friedensbataillon (Kazbat) vertreten.",
    "CSTO peacekeeping exercise in Russia, Oct 2013, KZ with KAZBAT; 'alle OVKS-Staaten' expanded to the 2013 members (frameworks.csv: Russia, Armenia, Belarus, Kyrgyzstan, Tajikistan; Uzbekistan left 2012). Russia provided the absolute majority (8254-8260).")

UNQ = "Neben schon erwähnten Einsatz im Irak, sei noch angeführt, dass Kasachstan sich mit Militärbeobachtern an den VN-Missionen u.a. in der Elfenbein-Küste, auf Haiti und in Liberia beteiligt."
for eid, where in [("F028", "Cote d'Ivoire"), ("F029", "Haiti"), ("F030", "Liberia")]:
    add(eid, "peacekeeping", ["United Nations"], 2014, "multilateral-other",
        "lines 19099-19101", UNQ,
        "Kazakh military observers in the UN mission in %s ('u.a.': list not exhaustive). Present tense as of writing (mid-2014); start year not stated, coded 2014. One activity per mission." % where)

# ------------------------------------------------------------ COUNTER-TERRORISM
S5 = ["China", "Russia", "Kyrgyzstan", "Tajikistan"]
add("F031", "counter_terrorism", S5, 1998, "Shanghai Five",
    "lines 10255-10264; 10302-10304",
    "Die Anfänge für die Kooperation im sicherheitspolitischen Bereich wurden noch vor der offiziellen Gründung der Organisation geschaffen. Nachdem Grenzfragen geklärt waren, richteten die beteiligten Staaten ihr Augenmerk auf die Stabilität in der Region sowie der Bekämpfung des Separatismus und des religiösen Extremismus. [...] Erstmals äußerte sich das in der gemeinsamen Erklärung der Staatschefs von Kasachstan, Kirgisistan, Russland, Tadschikistan und China im Anschluss an ein Treffen vom 3. Juli 1998.",
    "Shanghai Five joint statement of 3 July 1998, the first commitment against separatism and extremism (later the 'three evils'); agreements A078. Framework 'Shanghai Five' as in the project's frameworks.csv (brief's short list: multilateral-other).")

add("F032", "counter_terrorism", ["United States"], 1998, "bilateral",
    "lines 17474-17478",
    "Im März 1996 wurde eine gemeinsame Erklärung zur Zukunft der militärischen Beziehungen von beiden Verteidigungsministern verabschiedet. Zwei Jahre später (1998) folgte eine gemeinsame Erklärung zur Bekämpfung des Terrorismus.",
    "US-KZ joint declaration on combating terrorism, 1998 (agreements A117).")

add("F033", "counter_terrorism", [("Russia", 1, 0, 1)], 1999, "CIS",
    "lines 6106-6116",
    "Als eine - nach den Übergriffen der IBU in Kirgisistan im Sommer 1999 - der ersten gemeinsamen Maßnahmen der Staaten Zentralasiens unter Beteiligung Russlands lässt sich die Durchführung einer militärischen Übung \"Juzhnyj Schit Sodruzhestva-99\" (Der südliche Schutzschild der Gemeinschaft) im Oktober 1999 anführen. Ziel dieser Übung war es, Maßnahmen zu einer koordinierten Bekämpfung des grenzübergreifenden Terrorismus zu entwickeln.",
    "Southern Shield of the Commonwealth-99, Oct 1999, counter-terrorism exercise (exercises EX01). Kazakh participation not stated ('Staaten Zentralasiens', unnamed) -> value_low 0; the unnamed Central Asian states are not coded. Framework CIS inferred from the name.")

add("F034", "counter_terrorism", ["Kyrgyzstan", "Tajikistan", "Uzbekistan"], 2000, "multilateral-other",
    "lines 6119-6125; 6137-6141",
    "Ein halbes Jahr später folgte ein Abkommen \"Über gemeinsame Maßnahmen zur Bekämpfung des Terrorismus, des politischen und religiösen Extremismus, der transnationalen organisierten Kriminalität und andere Bedrohungen für die Stabilität und Sicherheit der Vertragsparteien\". [...] Das Abkommen wurde am 21. April 2000 in Usbekistan (Taschkent) zwischen Kasachstan, Kirgisistan, Tadschikistan und Usbekistan unterzeichnet.",
    "Central Asian agreement on joint measures against terrorism, Tashkent 21 Apr 2000, ratified by KZ Nov 2000 (agreements A065). The author adds that after the Islamist threat receded the agreements 'blieben ... meist auf dem Papier' (6174-6176).")

add("F035", "counter_terrorism", ["Collective Security Treaty"], 2000, "Collective Security Treaty",
    "lines 6550-6569",
    "Erstens, ein \"Memorandum zur Erhöhung der Effizienz des Vertrages der kollektiven Sicherheit vom 15. Mai 1992 und seine Anpassung an die gegenwärtige geopolitische Situation\". Durch diese Erklärung, welche am 24. Mai 2000 in Minsk auf einer Sitzung des Rats der kollektiven Sicherheit (Rat des Staatschefs des VKS) beschlossen wurde, haben die Mitgliedsstaaten ihre Bereitschaft zur grundlegenden Reformen des Vertrages bekräftigt. [...] Eine Anpassung des Vertrages an die gegenwärtige geopolitische Situation sollte durch verstärkte und verbesserte Koordination der Mitgliedsstaaten im Kampf gegen neue Bedrohungen der nationalen, regionalen und internationalen Sicherheit, wie dem internationalen Terrorismus erreicht werden.",
    "CST memorandum of 24 May 2000 (agreements A037): treaty reform to coordinate against new threats such as international terrorism. Partner/framework 'Collective Security Treaty' (pre-2002 CST, in partners.csv and frameworks.csv; brief's short list: CSTO).")

add("F036", "counter_terrorism", S5, 2000, "Shanghai Five",
    "lines 9846-9852; 9881-9883",
    "Die Errichtung einer regionalen Anti-Terror-Struktur mit Sitz in Bischkek - innerhalb der SOZ - wurde von Kirgisistan während des Gipfeltreffens der Shanghaier Fünf in Duschanbe im Jahre 2000 vorgeschlagen. [...] Die Staatschefs begrüßten diese Initiative und erklärten sich bereit auf nationaler Ebene die Errichtung voranzutreiben. Vgl. Punkt 5. der Abschlussdeklaration der Staatschefs vom 5. Juli 2000.",
    "Shanghai Five Dushanbe declaration of 5 July 2000 endorsing the Kyrgyz proposal of a regional anti-terrorist structure (agreements A079).")

add("F037", "counter_terrorism", ["SCO"], 2001, "SCO",
    "lines 9860-9864",
    "Als Grundlage für dieses Abkommen diente die Shanghaier Konvention zum Kampf gegen die \"drei Übel\" (Terrorismus, Separatismus und religiösen Extremismus) vom 15.06.2001.",
    "Shanghai Convention against terrorism, separatism and extremism, 15 June 2001 (agreements A081). Member states not listed for the convention -> partner SCO (rule: organisation named, states not listed).")
add("F038", "counter_terrorism", ["SCO"], 2002, "SCO",
    "lines 10332-10341",
    "Bei der zweiten Sitzung des Rats der Staatschefs in Sankt Petersburg am 07.06.2002 wurden zwei wichtige Dokumente beschlossen: Erstens die Charta der SOZ sowie zweitens, das Abkommen zur Errichtung der Regionalen Antiterroristischen Struktur (RATS).",
    "Agreement establishing the SCO Regional Anti-Terrorist Structure (RATS), St Petersburg 7 June 2002 (agreements A083). The SCO Charter itself is not counter-terrorism-specific and not coded.")
add("F039", "counter_terrorism", ["SCO"], 2003, "SCO",
    "lines 10654-10660",
    "Widersprüchlich erscheint diese Formulierung deshalb, weil es zum Abschluss eines Memorandums zur Durchführung gemeinsamer Antiterror-Übungen bereits während eines Treffens der Verteidigungsminister im Mai 2003 in Moskau kam.",
    "SCO defence ministers' memorandum on joint anti-terror exercises, Moscow May 2003 (agreements A085).")
add("F040", "counter_terrorism", ["Russia", "China", "Kyrgyzstan", "Tajikistan"], 2003, "SCO",
    "lines 10838-10847; 10897-10901",
    "Bereits im nächsten Jahr fand die erste gemeinsame Antiterror-Übung \"Vzaimodejstvie-2003\" im SOZ-Rahmen statt. An dieser militärischen Übung nahmen fast alle SOZ-Staaten - mit Ausnahme Usbekistans - teil. [...] Die Übung fand im Zeitraum vom 6. bis 12. August 2003 statt und war in zwei Phasen aufgeteilt. Die erste Phase wurde in Kasachstan und die zweite (aktive) Phase in Xinjiang ausgeführt.",
    "First SCO anti-terror exercise, Aug 2003, phase 1 in Kazakhstan (exercises EX04). 'fast alle SOZ-Staaten - mit Ausnahme Usbekistans' expanded to the other 2003 members.")
add("F041", "counter_terrorism", ["SCO"], 2004, "SCO",
    "lines 10482-10488",
    "Das Exekutivkomitee der RATS wurde offiziell in Taschkent eröffnet. [...] Vgl. Deklaration des Gipfeltreffens der Staatschefs der SOZ-Länder in Taschkent (17.06.2004).",
    "RATS executive committee officially opened in Tashkent (per the 2004 Tashkent summit declaration). Footnote 390 (line 9926) says 'im Herbst 2003'; coded 2004 after the cited declaration.")
RATS2004 = ("Das zwei Jahre später erfolgte Treffen der Staatschefs der SOZ in Taschkent brachte weitere wichtige Abschlüsse mit sich. [...] "
            "Die Vereinbarungen zur \"Datenbank der RATS der SOZ\" sowie \"Über die Gewährleistung des Schutzes von geheimer Information innerhalb der RATS der SOZ\", welche ebenfalls während dieses Treffens unterzeichnet wurden, werden in der Literatur kaum erwähnt.")
add("F042", "counter_terrorism", ["SCO"], 2004, "SCO", "lines 10345-10347; 10363-10371", RATS2004,
    "Agreement on the RATS database, Tashkent summit 17 June 2004 (agreements A087).")
add("F043", "counter_terrorism", ["SCO"], 2004, "SCO", "lines 10345-10347; 10363-10371", RATS2004,
    "Agreement on protecting classified information within RATS, Tashkent summit 17 June 2004 (agreements A088). The drug-trafficking agreement of the same summit is not coded (drugs are not counter-terrorism in this coding).")
add("F044", "counter_terrorism", ["SCO"], 2005, "SCO",
    "lines 10427-10431",
    "Das nächste wegweisende Dokument war das \"Konzept der Kooperation der SOZ-Mitgliedsstaaten im Kampf gegen Terrorismus, Extremismus und Separatismus\", das im Juli 2005 vom Rat der Staatschefs beschlossen wurde.",
    "SCO Concept of cooperation against terrorism, extremism and separatism, Astana July 2005 (agreements A089).")
SCO2006 = "Auch wenn die Situation im SOZ-Raum weitgehend stabil blieb, brachte das nächste Gipfeltreffen von 2006 in Shanghai die Verabschiedung einiger grundlegender Dokumente zur sicherheitspolitischen Kooperation mit sich."
add("F045", "counter_terrorism", ["SCO"], 2006, "SCO",
    "lines 10468-10478",
    SCO2006 + " Den sicherheitspolitischen Bereich betreffen drei Beschlüsse: Erstens, das \"Abkommen über die Organisation und Durchführung gemeinsamer antiterroristischer Maßnahmen auf den Territorien der SOZ-Mitgliedsstaaten\".",
    "SCO agreement on joint anti-terrorist measures, Shanghai summit 15 June 2006 (agreements A091).")
add("F046", "counter_terrorism", ["SCO"], (2007, 2009), "SCO",
    "lines 10468-10478; 10522-10524",
    SCO2006 + " [...] Zweitens, das \"Programm der Zusammenarbeit der SOZ-Mitgliedsstaaten im Kampf gegen Terrorismus, Separatismus, Extremismus im Zeitraum 2007-2009\"",
    "SCO cooperation programme against terrorism, separatism, extremism for 2007-2009, adopted 2006 (agreements A092); coded over its running period (rule for programmes with a stated period).")
add("F047", "counter_terrorism", ["SCO"], 2006, "SCO",
    "lines 10468-10472; 10527-10533",
    SCO2006 + " [...] sowie drittens, ein Abkommen \"Über die Zusammenarbeit in den Bereichen der Erkennung und Trockenlegung von Kanälen, die der Einreise in das Hoheitsgebiet der SOZ-Mitgliedsstaaten von Personen dienen, die an terroristischen, separatistischen und extremistischen Aktivitäten beteiligt sind\".",
    "SCO agreement on detecting and closing entry channels of persons involved in terrorism, 2006 (agreements A093). Border-related but coded only here (its object is terrorists, not border guarding).")
add("F048", "counter_terrorism", ["SCO"], 2008, "SCO",
    "lines 10563-10573; 10636-10638",
    "Zwei Jahre nach der Unterzeichnung des Abkommens zu gemeinsamen antiterroristischen Maßnahmen, kam es beim Gipfeltreffen der SOZ-Mitgliedsstaaten am 25.08.2008 in Duschanbe zur Unterzeichnung eines Dokuments, das implizit die Streitkräfte der SOZ-Mitgliedsstaaten miteinschloss. [...] Abkommen zwischen den SOZ-Mitgliedsstaaten zur Organisation und Durchführung gemeinsamer antiterroristischer Übungen.",
    "SCO agreement on joint anti-terrorist exercises, Dushanbe Aug 2008 (agreements A095; the cited declaration is dated 28.08.2008, line 10629).")
add("F049", "counter_terrorism", ["Russia", "China", "Tajikistan", "Kyrgyzstan", "Uzbekistan"], 2007, "SCO",
    "lines 10948-10961; 11011-11013",
    "Im Sommer 2007 fand die nächste Antiterror-Übung \"Friedensmission-2007\" in Russland statt. Insgesamt beteiligten sich 6500 Personen, davon wurden etwa 4500 von russischer und 1700 von chinesischer Seite gestellt. Die Aufteilung unter den zentralasiatischen SOZ-Staaten gestaltete sich wie folgt: Kasachstan und Tadschikistan stellten je ein Kontingent in Kompaniestärke. Kirgisistan beteiligte sich mit einem Kontingent in Zugstärke. [...] Usbekistan hat sich nicht mit Kampftruppen beteiligt. Allerdings hat es 7 Offiziere in den Leitungsstab der Übung entsandt.",
    "SCO anti-terror exercise Peace Mission-2007 in Russia, KZ with a company (exercises EX10). Uzbekistan only with 7 staff officers (still a participant).")
PMQ = "Während die Friedensmissions-Übungen aus den Jahren 2007, 2010 und 2012, die unter Einbeziehung aller Teilnehmerstaaten stattfanden, sind die Übungen von 2005, 2009 und 2011 v.a. eindeutig bilateral - Russland und China - ausgeprägt gewesen."
add("F050", "counter_terrorism",
    ["Russia", ("China", 1, 0, 1), ("Kyrgyzstan", 1, 0, 1), ("Tajikistan", 1, 0, 1), ("Uzbekistan", 1, 0, 1)],
    2010, "SCO",
    "lines 11070-11078; 11102; 11236-11244",
    "Im Zeitraum vom 13.09. bis 24.09.2010 hat die nächste gemeinsame Antiterror-Übung \"Friedensmission-2010 stattgefunden. Diese Übung war die erste aus der Reihe \"Friedensmissionen\", die in Kasachstan veranstaltet wurde. [...] Der russische Anteil setzt sich dabei wie folgt zusammen: Personal über 1000 Personen [...] " + PMQ,
    "SCO anti-terror exercise Peace Mission-2010 held in Kazakhstan (exercises EX13). Russia named; the other members only via 'unter Einbeziehung aller Teilnehmerstaaten' (ambiguous: all member states?) -> value_low 0 for China, KG, TJ, UZ. Peace Missions 2005, 2009, 2011 were Russia-China only and are not coded.")
add("F051", "counter_terrorism",
    [("China", 1, 0, 1), ("Russia", 1, 0, 1), ("Tajikistan", 1, 0, 1), ("Kyrgyzstan", 1, 0, 1), ("Uzbekistan", 1, 0, 1)],
    2012, "SCO",
    "lines 11151-11155; 11199-11201; 11236-11244",
    "\"Friedensmission-2012\", welche im Zeitraum vom 8. bis 14. Juni in Tadschikistan stattfand, ist bis jetzt die letzte gemeinsame Antiterror-Übung - aus der Reihe der Friedensmission - der Organisation. [...] Davon etwa 400 aus China [...] und ca. 350 aus Russland. [...] " + PMQ,
    "SCO anti-terror exercise Peace Mission-2012 in Tajikistan (~2000 participants; China ~400, Russia ~350). Kazakh participation rests only on 'unter Einbeziehung aller Teilnehmerstaaten' -> value_low 0 for every row; KG, UZ not named at all.")
add("F052", "counter_terrorism", ["SCO"], (2013, 2015), "SCO",
    "lines 10734-10746",
    "Bei dem Gipfeltreffen des Rates der Staatschefs der SOZ-Staaten in Peking in Jahre 2012 wurden Dokumente verabschiedet, die den rechtlichen Kooperationsrahmen der Mitgliedsstaaten erweitert haben. Dabei handelt es sich um: \"Die politisch-diplomatischen Maßnahmen und Mechanismen der SOZ auf Situationen, die den Frieden, die Sicherheit und Stabilität der Region gefährden\" und \"das Programm über die Zusammenarbeit der SOZ-Staaten zur Bekämpfung des Terrorismus, Separatismus und Extremismus für den Zeitraum 2013-2015\".",
    "SCO cooperation programme against terrorism 2013-2015, adopted Beijing 2012 (agreements A103); coded over its running period (extends beyond 2014). The crisis-mechanism regulation of the same summit is not counter-terrorism-specific and not coded.")
add("F053", "counter_terrorism", [("CSTO", 1, 0, 1)], 2004, "CSTO",
    "lines 8068-8090",
    "Ab 2004 wird die gemeinsame Übung \"Rubezh\" ausgerichtet. [...] Das Szenario der Übung \"Rubezh-2004\" ging von einem Eindringen einer terroristischen Gruppe nach Zentralasien aus, mit der Absicht die Region zu destabilisieren und radikale religiöse Ideen zu verbreiten.",
    "CSTO exercise Rubezh-2004 with a terrorist-incursion scenario (exercises EX05). Participants not named -> partner CSTO; Kazakh participation not stated -> value_low 0.")
add("F054", "counter_terrorism", [("CSTO", 1, 0, 1)], 2005, "CSTO",
    "lines 8095-8097; 8131",
    "Das Szenario der nächsten Übung von 2005 geht ebenfalls von einem vermeintlichen Angriff durch Terroristen in einem der zentralasiatischen Länder aus.",
    "CSTO exercise Rubezh-2005 (name inferred, exercises EX06), terrorist-attack scenario. Kazakh participation not stated -> value_low 0.")
add("F055", "counter_terrorism", [("CSTO", 5, 0, 5)], (2006, 2012), "CSTO",
    "lines 8079-8081; 8141-8150; 8217",
    "Von den neun im Zeitraum von 2004 bis 2012 stattgefundenen \"Rubezh-Übungen\" seien als Beispiel zwei aufgeführt. [...] Mit Ausnahme von zwei Übungen wurden die übrigen sieben Übungen im zentralasiatischen Raum ausgetragen, wo ein mögliches Eindringen von Terroristen als Bedrohung konzipiert wurde. [...] 2008 und 2011 fanden Übungen in Armenien statt.",
    "The other Rubezh exercises with terrorist-incursion scenario: 7 in Central Asia 2004-2012 minus 2004 and 2005 (F053, F054) = 5, within 2006-2012 excluding 2008 and 2011 (Armenia, scenario not stated, not coded). Years not stated individually: one row, value 5 activities spread over 2006-2012. Kazakh participation not stated -> value_low 0.")
add("F056", "counter_terrorism", ["CSTO"], 2009, "CSTO",
    "lines 7636-7662",
    "Acht Jahre später, auf einem Gipfeltreffen der Staatschefs im Februar 2009 wurde die Entscheidung zur Gründung einer schnellen Eingreiftruppe (KSOR) getroffen. [...] Die Aufgaben bestehen demnach nicht nur aus \"traditionellen\" wie Schutz vor Aggressionen und bewaffneten Konflikten, sondern beinhalten auch die Durchführung von Anti-Terror-Operationen sowie Spezialoperationen gegen Waffen- und Drogenschmuggel, organisierte Kriminalität sowie Hilfeleistung bei Naturkatastrophen.",
    "CSTO decision (Feb 2009, specified June 2009) to create the Collective Operational Reaction Forces (KSOR), whose tasks include anti-terror operations (agreements A051). Its predecessor KSBR (c. 2001) is NOT coded: its stated task was external intervention and (border) conflicts, and its founding year is only implied.")
add("F057", "counter_terrorism", ["United States", "NATO"], (2003, 2012), "multilateral-other",
    "lines 17434-17438; 17513-17519",
    "Dies änderte sich erst grundlegend im Zuge der Anschläge des 11.Septembers, als die Rolle Kasachstans, für die USA im Kampf gegen den internationalen Terrorismus, immer wichtiger wurde. [...] Neben offiziellen Bekundungen die USA umfassend zu unterstützen, äußerte sich diese Unterstützung v.a. durch Gewährung von Überflugrechten, Zusagen für ungeplante Landungen auf seinem Territorium. Zwischen 2003 und 2012 hat Kasachstan ca. 9000 Luftkorridore für NATO-Flüge gewährt, davon entfallen über 7000 auf die USA.",
    "Kazakh overflight/landing support after 9/11, framed by the author as support of the US in the fight against international terrorism: about 9000 air corridors for NATO flights 2003-2012, over 7000 of them US (interviewee D). One activity, two rows (US; NATO for the remaining ~2000 flights of other NATO states). Framework multilateral-other (Afghanistan campaign, not PfP).")
add("F018", "counter_terrorism", ["NATO"], (2006, 2008), "NATO-PfP",
    "lines 18148-18150; 18205-18213; 18368",
    "Kasachstan trat im Januar 2006 dem IPAP bei. [...] " + IPAP_Q + " Bei den Schwerpunkten handelt es sich um: Die Stärkung der regionalen und internationalen Sicherheit, die Vertiefung des Transformationsprozesses der Streitkräfte, die Erhöhung der operativen Kompatibilität, die Kooperation im Kampf gegen Terrorismus, [...] Erste Phase 2006-2008, zweite Phase 2009-2011, dritte Phase 2012-2013.",
    "NATO IPAP cycle 1 (2006-2008): cooperation against terrorism is one of its focal areas. Same event as peacekeeping F018 (cross-field activity, same event_id).")
add("F019", "counter_terrorism", ["NATO"], (2009, 2011), "NATO-PfP",
    "lines 18205-18213; 18368",
    IPAP_Q + " Bei den Schwerpunkten handelt es sich um: Die Stärkung der regionalen und internationalen Sicherheit, die Vertiefung des Transformationsprozesses der Streitkräfte, die Erhöhung der operativen Kompatibilität, die Kooperation im Kampf gegen Terrorismus, [...] Erste Phase 2006-2008, zweite Phase 2009-2011, dritte Phase 2012-2013.",
    "NATO IPAP cycle 2 (2009-2011); same event as peacekeeping F019.")
add("F020", "counter_terrorism", ["NATO"], (2012, 2013), "NATO-PfP",
    "lines 18205-18213; 18368-18370",
    IPAP_Q + " Bei den Schwerpunkten handelt es sich um: Die Stärkung der regionalen und internationalen Sicherheit, die Vertiefung des Transformationsprozesses der Streitkräfte, die Erhöhung der operativen Kompatibilität, die Kooperation im Kampf gegen Terrorismus, [...] Erste Phase 2006-2008, zweite Phase 2009-2011, dritte Phase 2012-2013. Das letztere wurde im August 2012 beschlossen.",
    "NATO IPAP cycle 3 (2012-2013); same event as peacekeeping F020.")
IPPC = ("Das Programm sieht die Zusammenarbeit in 37 Kooperationsbereichen vor. Diese einzelnen Bereiche sind bspw. folgende: Unterstützung der demokratischen Kontrolle über die Streitkräfte, operative Interoperabilitätsfunktionen, die Bekämpfung des Terrorismus und der zivilen Notfallplanung etc. "
        "Aus 180 geplanten Maßnahmen/Veranstaltungen für das Jahr 2012, entfielen 160 auf die Streitkräfte. Die restlichen teilen sich auf: Ministerium für Katastrophenschutz (11), Außenministerium (5), Polizei (2), Grenztruppe (2).")
add("F058", "counter_terrorism", [("NATO", 1, 0, 1)], 2012, "NATO-PfP",
    "lines 18651-18661",
    IPPC,
    "NATO IPPC (annual programme) 2012: counter-terrorism is one of its 37 cooperation areas, but no counter-terrorism measure is itemised and only 100 of the 180 planned measures were carried out (18665-18669) -> value_low 0. Same event also coded in border_security.")

# ------------------------------------------------------------ BORDER SECURITY
add("F059", "border_security", ["Russia"], 1991, "bilateral",
    "lines 6475-6490",
    "Er drängte die Moskauer Führung dazu, ein Dokument zu unterzeichnen, das die bestehenden Grenzlinien garantiert und dass alle künftigen sicherheitspolitischen Entscheidungen nur unter Einbeziehung aller Seiten durchgeführt werden. Die Unterzeichnung eines Kommuniqués zwischen Kasachstan und Russland am 30.08.1991 kann somit als eine Ausgangsbasis für alle nachfolgenden Vereinbarungen im Sicherheitsbereich gewertet werden.",
    "subtype=regime. Communiqué of 30 Aug 1991 guaranteeing the existing borders (agreements A001); signed by the Kazakh SSR and the RSFSR before independence (partner coded Russia).")
add("F060", "border_security",
    [("Russia", 1, 0, 1), ("Kyrgyzstan", 1, 0, 1), ("Tajikistan", 1, 0, 1), "China"], 1992, "multilateral-other",
    "lines 9498-9509; 9559-9561",
    "Zwar beschlossen die vier ehemaligen sowjetischen Staaten - die nach dem Zusammenbruch der UdSSR an China angrenzen - noch vor Beginn der Gespräche (zur Festlegung der Grenzverläufe) durch eine sog. \"vereinigte Delegation\" geschlossen gegenüber China auftreten zu wollen, dann wurden jedoch alle Grenzfragen ausschließlich bilateral zwischen den Staaten verhandelt. [...] Die sog. \"Vereinigte Delegation\", die im Jahre 1992 zusammengestellt wurde, bestand aus Russland, Kasachstan, Kirgisistan und Tadschikistan. Das Format der Verhandlungen war somit 4+1.",
    "subtype=regime. Border delimitation talks with China in the '4+1' format from Sept 1992 (lines 9564-9566). China = negotiating counterpart (value 1). The joint delegation of RU, KG, TJ was, per the author, only symbolic (9512-9516: 'lediglich einen symbolischen Charakter') -> value_low 0 for them.")
add("F061", "border_security", ["China"], 1994, "bilateral",
    "lines 9566-9570",
    "Am Beispiel Kasachstans sei das Abkommen zur kasachisch-chinesischen Grenze (24.06.1994), das den Startpunkt für die Demarkierungsarbeiten gegeben hatte, angeführt.",
    "subtype=regime. Kazakh-Chinese border agreement of 24 June 1994 (agreements A074).")
add("F062", "border_security", ["Russia"], 1994, "bilateral",
    "lines 15897-15901; 15959-15963",
    "Im Oktober 1994 wurde der Vertrag zur Kooperation bei der Sicherung von äußeren Grenzen zwischen Kasachstan und Russland unterzeichnet. [...] Es sei hier nochmals erwähnt, dass zu diesem Zeitpunkt, die Grenztruppen noch der Armee angehörten.",
    "subtype=guarding. Russia-KZ treaty on cooperation in protecting the external borders, Oct 1994, in force 30 Dec 1994 (agreements A007).")
add("F063", "border_security", S5, 1996, "Shanghai Five",
    "lines 10105-10119",
    "Neben der Grenzziehung wurden zeitgleich auch die Streitkräfte aller Teilnehmerstaaten reduziert und unter gegenseitige Kontrolle gestellt. \"Abkommen über vertrauensbildende Maßnahmen auf militärischen Gebiet in Grenzzonen\" vom 26.04.1996. [...] Unterzeichnerstaaten bei den beiden Abkommen: Kasachstan, Kirgisistan, Russland, Tadschikistan undChina.",
    "subtype=regime. Shanghai agreement on military confidence-building in the border zones, 26 Apr 1996 (agreements A076). Border-zone CBM, counted as border regime.")
add("F064", "border_security", S5, 1997, "Shanghai Five",
    "lines 9529-9531; 10113-10119",
    "In diesem Abkommen wurde vereinbart, dass das Militärpersonal der Unterzeichnerstaaten innerhalb einer 100-Kilometer-Zone im Grenzbereich reduziert werden sollte. [...] \"Abkommen über die beidseitige Reduzierung von Streitkräften in Grenzregionen\" vom 24.04.1997. [...] Unterzeichnerstaaten bei den beiden Abkommen: Kasachstan, Kirgisistan, Russland, Tadschikistan undChina.",
    "subtype=regime. Moscow agreement on force reductions in the border regions, 24 Apr 1997 (agreements A077); line 9482 misdates it '24. April 2007'. Border troops were exempted (9533-9537).")
add("F065", "border_security", ["China"], 2002, "bilateral",
    "lines 17037-17039",
    "Am 10. Mai 2002 konnte ein Protokoll zur Demarkationslinie der kasachisch-chinesischen Grenze unterzeichnet werden.",
    "subtype=regime. Demarcation protocol of the Kazakh-Chinese border, 10 May 2002 (agreements A075; also 9570-9572).")
add("F012", "border_security", [("NATO", 1, 0, 1)], 2010, "NATO-PfP",
    "lines 18558-18568; 18580-18586",
    "3. Projekte waren im Rahmen der Grenztruppen und 1. Projekt im Rahmen des Katastrophenschutzministeriums geplant. Die Armee kooperiert im Rahmen dieses Programms v.a. in folgenden Bereichen: Planung und Reformen der Streitkräfte; Training und Ausrüstung der Friedenstruppen gemäß NATO-Standards; Sprachtraining, Training der Stabsoffiziere, Grenzsicherung, Krisenbewältigung. [...] Es sollte angemerkt werden, dass die Kooperation der NATO mit dem Ministerium für Katastrophenschutz und der Behörde des Grenzschutzes in der Realität praktisch nicht stattfindet bzw. umgesetzt wird. Wenn diese beiden nationalen Institutionen international kooperieren, dann nur bilateral, also mit einzelnen NATO-Staaten.",
    "subtype=guarding. NATO PAP partnership goals 2010: 3 projects for the border troops planned, 'Grenzsicherung' among the army's areas; but cooperation with the border service 'praktisch nicht stattfindet' -> value_low 0. Same event as peacekeeping F012. The bilateral border cooperation with individual NATO states is mentioned but not specified (no rows).")
add("F058", "border_security", [("NATO", 1, 0, 1)], 2012, "NATO-PfP",
    "lines 18580-18584; 18655-18661",
    "Es sollte angemerkt werden, dass die Kooperation der NATO mit dem Ministerium für Katastrophenschutz und der Behörde des Grenzschutzes in der Realität praktisch nicht stattfindet bzw. umgesetzt wird. [...] Aus 180 geplanten Maßnahmen/Veranstaltungen für das Jahr 2012, entfielen 160 auf die Streitkräfte. Die restlichen teilen sich auf: Ministerium für Katastrophenschutz (11), Außenministerium (5), Polizei (2), Grenztruppe (2).",
    "subtype=guarding. NATO IPPC 2012: 2 planned measures for the border troops; implementation doubtful (border service cooperation 'praktisch nicht', only 100 of 180 measures realised) -> value_low 0. Same event as counter_terrorism F058.")
add("F066", "border_security", ["Spain"], 2011, "bilateral",
    "lines 19514-19518; 19571-19575",
    "Zweitens, Herstellung von Radarstationen sowie Systemen zur radioelektronischen Kampfführung, in Zusammenarbeit mit der spanischen Firma \"Indra Sistemas, CA\". [...] GmbH \"Indra Kazakhstan Engineering\" wurde im Sommer 2011 in Almaty gegründet. Das Hauptinteresse Kasachstans besteht dabei darin, diese Systeme bei der Überwachung seiner westlichen Grenze am Kaspischen Meer einzusetzen.",
    "subtype=guarding. Joint venture with the Spanish firm Indra (summer 2011) for radar/coastal surveillance of the Caspian border (agreements A149). Partner coded Spain (Indra is a company; not in partners.csv).")


def main():
    cols = ["subject", "channel", "partner", "year", "period_start", "period_end", "value",
            "value_low", "value_high", "unit", "framework", "event_id", "source", "locator",
            "quote", "note"]
    rows = []
    for a in E:
        for p in a["partners"]:
            if isinstance(p, str):
                p = (p, 1, "", "")
            name, v, lo, hi = p
            if isinstance(a["when"], int):
                y, ps, pe = str(a["when"]), "", ""
            else:
                y, ps, pe = "", str(a["when"][0]), str(a["when"][1])
            rows.append(dict(subject="Kazakhstan", channel=a["channel"], partner=name, year=y,
                             period_start=ps, period_end=pe, value=str(v), value_low=str(lo),
                             value_high=str(hi), unit=U, framework=a["framework"],
                             event_id=a["eid"], source="seed", locator=a["locator"],
                             quote=a["quote"], note=a["note"]))
    order = {"peacekeeping": 0, "counter_terrorism": 1, "border_security": 2}
    rows.sort(key=lambda r: (order[r["channel"]], r["event_id"]))
    with open(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fields.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print("wrote %d rows" % len(rows))


if __name__ == "__main__":
    main()
