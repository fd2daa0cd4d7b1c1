# Writes SharedResource.resx (Danish texts that are not their own key) and SharedResource.en.resx.
# The Danish text is the key; a key missing from the English file falls back to Danish.
# Run: python3 Resources/texts.py   (edit the table below, not the .resx files)
from xml.sax.saxutils import escape

danish_only = {
    "StartIntro": "Regioner, kommuner, fødesteder og staten arbejder sammen om at øge ammefrekvensen og kvaliteten i svangreomsorgen. Her ser hver part sine forpligtelser, penge, frister og de ammefrekvenser, indsatsen flytter.",
}

english = {
    "StartIntro": "Regions, municipalities, birth sites and the state work together to raise breastfeeding rates and the quality of maternity care. Here each party sees its obligations, money, deadlines and the breastfeeding rates the effort moves.",
    "Gå til sidens indhold": "Skip to content",
    "Til forsiden": "To the front page",
    "Min konto": "My account",
    "Log ud": "Log out",
    "Log ind": "Log in",
    "Log ind med": "Log in with",
    "Hovedmenu": "Main menu",
    "Aftaler": "Agreements",
    "Indsatser": "Initiatives",
    "Netværk": "Networks",
    "Indikatorer": "Indicators",
    "Kompetencer": "Competence",
    "Forældre": "Parents",
    "Rapporter": "Reports",
    "Områder": "Areas",
    "Administration": "Administration",
    "Tilgængelighedserklæring": "Accessibility statement",
    "Privatlivspolitik": "Privacy notice",
    "Åbent API (OpenAPI)": "Open API (OpenAPI)",
    "Åbent API": "Open API",
    "Forside": "Home",
    "Ammeindsats": "Ammeindsats",
    "Et fælles sted for den tværsektorielle indsats for amning og barnets ernæring.": "One place for the cross-sector effort on breastfeeding and infant nutrition.",
    "Hvad finder du her?": "What is here?",
    "ammefrekvenser for kommuner, klynger, fødesteder og regioner, med statistisk usikkerhed.": "breastfeeding rates for municipalities, clusters, birth sites and regions, with statistical uncertainty.",
    "regioner, sundhedsklynger, kommuner og fødesteder.": "regions, health clusters, municipalities and birth sites.",
    "de offentliggjorte tal som åbne data (CC BY 4.0).": "the published figures as open data (CC BY 4.0).",
    "Status": "Status",
    "Områder i systemet": "Areas in the system",
    "E-mail": "E-mail",
    "Adgangskode": "Password",
    "Kode fra godkender-app": "Code from authenticator app",
    "Der er fejl i formularen": "There are errors in the form",
    "Danmark er delt i fem regioner. Hver region har sundhedsklynger omkring de akutte sygehuse, og hver klynge består af kommuner. Fødestederne hører til en region og som regel en klynge.": "Denmark has five regions. Each region has health clusters around its acute hospitals, and each cluster consists of municipalities. Birth sites belong to a region and usually a cluster.",
    "Regioner": "Regions",
    "Kode": "Code",
    "Region": "Region",
    "Sundhedsklynger": "Health clusters",
    "Sundhedsklynge": "Health cluster",
    "Kommuner": "Municipalities",
    "Kommune": "Municipality",
    "Fødesteder": "Birth sites",
    "Fødested": "Birth site",
    "Land": "Country",
    "Sundhedsråd": "Health council",
    "Hele landet": "The whole country",
    "Alle områder som JSON": "All areas as JSON",
    "Brødkrumme": "Breadcrumb",
    "Type": "Type",
    "Sygehus": "Hospital",
    "By": "City",
    "Ikke bekræftet": "Not confirmed",
    "Referencedata kunne ikke bekræfte dette område eller dets medlemmer. En administrator skal kontrollere det.": "The reference data could not confirm this area or its members. An administrator must check it.",
    "Hører også til": "Also belongs to",
    "Se ændringshistorik": "See change history",
    "Modulet er under udvikling og kommer i en senere version.": "This module is being built and arrives in a later version.",
    "Samarbejdsaftaler med parter, tiltrædelser og godkendelser.": "Collaboration agreements with parties, accessions and approvals.",
    "Programmer og indsatser med budgetter, monitorering og teknisk gennemgang.": "Programmes and initiatives with budgets, monitoring and technical review.",
    "Implementeringsnetværk i hver sundhedsklynge: medlemmer, møder og statusrapporter.": "Implementation networks in each health cluster: members, meetings and status reports.",
    "Kompetenceudvikling og register over IBCLC-certificerede ammekonsulenter.": "Competence development and a register of IBCLC-certified lactation consultants.",
    "Anonyme flersprogede spørgeskemaer, feedbackmøder og materialer.": "Anonymous multilingual surveys, feedback meetings and materials.",
    "Rapporter til styregrupper og ministeriet, dannet ud fra data.": "Reports to steering groups and the ministry, generated from the data.",
    "Demodata": "Demo data",
    "Brugere": "Users",
    "Revisionsspor": "Audit trail",
    "Ændringshistorik": "Change history",
    "Gem": "Save",
    "Annuller": "Cancel",
    "Slet": "Delete",
    "Næste side": "Next page",
    "Forrige side": "Previous page",
    "Download CSV (Excel)": "Download CSV (Excel)",
    "Download CSV (åbne data)": "Download CSV (open data)",
    "Download Excel": "Download Excel",
}

def write(path, entries):
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<root>\n')
        f.write('  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>\n')
        f.write('  <resheader name="version"><value>2.0</value></resheader>\n')
        f.write('  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>\n')
        f.write('  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>\n')
        for k, v in sorted(entries.items()):
            f.write(f'  <data name="{escape(k, {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(v)}</value></data>\n')
        f.write('</root>\n')

import os
here = os.path.dirname(os.path.abspath(__file__))
write(os.path.join(here, "SharedResource.resx"), danish_only)
write(os.path.join(here, "SharedResource.en.resx"), english)
