# iopsites meddelanden på svenska. Varje meddelande-id här ska också finnas i
# locales/en/iopsite.ftl (tests/messages_catalogue.rs kontrollerar det). Id:na är stabila koder:
# `check --format json` skriver ut dem, och verktyg kan matcha på dem.
# YAML-nycklar och värden står i `backticks`, som de skrivs i filerna.

## Kommandoraden

severity-error = fel
severity-warning = varning
summary-counts = { $errors } fel, { $warnings ->
    [one] 1 varning
   *[other] { $warnings } varningar
}

## Filer och mappar

cannot-read = kan inte läsas: { $reason }
link-to-folder = är en länk till en mapp; iopsite följer inte länkar till mappar, så flytta hit filerna i stället
files-folder-is-link = är en länk; iopsite följer inte en länk för mappen med filer, så gör den till en mapp och lägg filerna i den
files-folder-not-folder = är inte en mapp; bilagor ska ligga i en mapp med det namnet
files-total-too-large = filerna i den är { $size } sammanlagt; en webbplats bilagor får tillsammans vara högst { $limit }
file-name-not-utf8 = filnamnet är inte UTF-8-text och kan därför inte ingå i en webbadress; byt namn på filen
file-name-bad-character = namnet `{ $name }` innehåller `\`, `:` eller ett styrtecken, som inte kan publiceras på alla system; byt namn på filen
attachment-link-outside = är en länk till en fil utanför { $dir }/ ({ $target }); bara filer i den mappen publiceras, så kopiera hit filen i stället
attachment-link-nowhere = är en länk som inte leder någonstans ({ $reason }); ta bort den eller kopiera hit filen
attachment-not-regular = är inte en vanlig fil (en pipe eller en enhet); ta bort den från { $dir }/
attachment-too-large = är { $size }; en fil i { $dir }/ får vara högst { $limit }
attachment-refused-link-outside = den är en länk till en fil utanför { $dir }/
attachment-refused-link-nowhere = den är en länk som inte leder någonstans
attachment-refused-unreadable = den kan inte läsas
attachment-refused-link-to-folder = den är en länk till en mapp
attachment-refused-not-regular = den är inte en vanlig fil
attachment-refused-too-large = den är större än { $limit }

## YAML som det är skrivet

yaml-tab-indent = raden är indragen med ett tabbtecken; YAML kräver mellanslag
yaml-missing-key = den obligatoriska nyckeln `{ $key }` saknas
yaml-missing-key-in-entry = den obligatoriska nyckeln `{ $key }` saknas i posten som börjar här
yaml-unknown-key = okänd nyckel `{ $key }`; tillåtna nycklar är { $expected }
yaml-unknown-key-only = okänd nyckel `{ $key }`
yaml-unknown-key-suggest = okänd nyckel `{ $key }`; menade du `{ $suggestion }`? (tillåtna nycklar är { $expected })
yaml-colon-in-value = ett `: ` inne i ett värde inleder en ny nyckel; sätt hela värdet inom citattecken, t.ex. title: "IOP: Mötesplats" (YAML-tolken säger: { $parser })
yaml-indentation = indraget stämmer inte med raderna ovanför; kontrollera mellanslagen i början av raden (YAML-tolken säger: { $parser })
yaml-bracket-list = en lista inom [hakparenteser] är inte avslutad, eller så behöver ett `:` i den citattecken (YAML-tolken säger: { $parser })
yaml-over-indented = raden är mer indragen än raden ovanför; nycklarna i samma post ska börja i samma kolumn (kolumn { $column })
yaml-colon-space = en nyckel behöver ett mellanslag efter kolonet: skriv `{ $key }: { $value }`
yaml-expected-text = här ska det stå text
yaml-expected-whole-number = här ska det stå ett heltal
yaml-expected-count = här ska det stå ett heltal (0 eller mer)
yaml-expected-number = här ska det stå ett tal
yaml-expected-mapping = här ska det stå rader med `nyckel: värde`
yaml-expected-list = här ska det stå en lista (rader som börjar med `- `)
# Ett meddelande från YAML-tolken som iopsite inte har egna ord för, som tolken skrev det.
yaml-parser = YAML-tolken säger: { $detail }
yaml-not-boolean = `{ $written }` är varken true eller false; skriv true (ja) eller false (nej)
number-not-digits = `{ $written }` är inget tal; skriv värdet som ett tal, till exempel 40 eller 3.5
number-with-unit = `{ $written }` är inget tal; skriv bara talet här (till exempel 40 eller 3.5) och enheten under `unit:`
number-with-separators = `{ $written }` är inget tal; skriv det utan mellanslag och tusentalsavgränsare ({ $number }) och med decimalpunkt
number-decimal-comma = `{ $written }` är inget tal; skriv decimaler med punkt ({ $number }) och utan mellanslag och tusentalsavgränsare
number-comma-ambiguous = `{ $written }` är inget tal; skriv decimaler med punkt och utan mellanslag och tusentalsavgränsare: { $thousands } om kommat skiljer tusental, eller { $decimals } om det är ett decimalkomma
number-malformed = `{ $written }` är inget tal; skriv decimaler med punkt (3.5) och utan mellanslag och tusentalsavgränsare
goal-is-target = `{ $written }` är ett delmål, inte ett målnummer; skriv goal: { $goal } och targets: [{ $written }]
goal-with-words = `{ $written }` är inget målnummer; skriv bara numret: goal: { $number }
goal-not-number = `{ $written }` är inget målnummer; skriv numret på Agenda 2030-målet, 1–17
goal-not-number-named = `{ $written }` är inget målnummer; skriv numret på Agenda 2030-målet, 1–17 ({ $named })
goal-named = mål { $number } heter { $sv }
year-span = `{ $written }` är inte ett enda år; en verksamhetsberättelse gäller ett kalenderår: skriv year: { $year } (och gör en berättelse per år)
year-not-year = `{ $written }` är inget år; skriv kalenderåret som berättelsen gäller med fyra siffror: year: { $year }
year-not-digits = `{ $written }` är inget år; skriv kalenderåret som berättelsen gäller med fyra siffror, t.ex. year: 2024

## Att läsa innehållet

site-yaml-missing = hittar ingen site.yaml (letade i DIR/content/ och DIR/); kör `iopsite init DIR` för att skapa en ny webbplats
content-too-large = innehållsfilerna är { $size } sammanlagt; en webbplats innehåll (site.yaml, överenskommelser, verksamhetsberättelser och sidor tillsammans) får vara högst { $limit }
file-ignored = hoppas över: bara .{ $extension }-filer läses i den här mappen
content-not-regular = är inte en vanlig fil (en mapp, en pipe eller en enhet); ta bort den från innehållsmappen
content-file-too-large = är { $size }; innehållsfiler får vara högst { $limit }
content-file-grew = är större än { $limit }; innehållsfiler får vara högst så stora
file-not-utf8 = filen är inte UTF-8-text; spara den som UTF-8
file-name-not-id = filnamnet `{ $id }` är inte ett giltigt id: använd små bokstäver a–z, siffror och enstaka bindestreck (namnet blir en del av sidans adress)
file-empty = filen är tom
front-matter-missing = filen ska börja med ett huvud (front matter): en rad `---`, YAML-nycklar och ännu en rad `---`
front-matter-not-closed = huvudet (front matter) är inte avslutat: lägg till en rad `---` efter det
markdown-too-many-marks = Markdown-texten har fler än { $limit } tecken att tolka { $place }; en text får ha högst så många (varje rad, skiljetecken och tabellcell räknas), så att den inte kan ta slut på minnet när den görs om till HTML: dela upp den i mindre filer eller korta den
marks-place-line = på den här raden
marks-place-fields = i `{ $key }`, med överenskommelsens Markdown-fält räknade tillsammans

## Ord ur en fast lista

vocabulary-unknown = `{ $text }` är inget giltigt värde för { $what }; använd ett av: { $words }
vocabulary-word-meaning = { $word } ({ $meaning })
field-language = `language`
field-content-language = `content_language`
field-license = `license`
field-form = `form`
field-status = `status`
field-outcome-kind = `kind` för ett utfall
field-basis = `basis`
field-party-kind = `kind` för en part
meaning-basis-named = nämns i avtalstexten
meaning-basis-assessed = bedömt av utgivaren
meaning-outcome-ended-early = parterna avslutade den i förtid
meaning-outcome-terminated = en part sade upp den, t.ex. för avtalsbrott
meaning-outcome-annulled = den har upphävts eller förklarats ogiltig
meaning-outcome-judged-unlawful = en domstol har funnit den olaglig
meaning-license-cc0 = allmän egendom; rekommenderas för öppna data
meaning-license-cc-by = fri användning med angivande av utgivaren
meaning-license-cc-by-sa = fri användning med angivande av utgivaren, under samma licens

## Osynliga tecken i namn och titlar

text-reversing-character = { $field } innehåller ett osynligt styrtecken, { $character }, som kan vända texten runt sig på sidan; ta bort det (skriv om texten för hand)
text-invisible-character = { $field } innehåller ett osynligt tecken, { $character }, som inte syns på sidan men gör att texten skiljer sig från hur den ser ut; ta bort det (skriv om texten för hand)
char-named = { $code } ({ $name })
char-control = { $code } (ett styrtecken)
char-tag = { $code } (ett taggtecken)
char-format = { $code } (ett formateringstecken)
field-title = titeln
field-short-title = kortnamnet
field-activity-name = insatsens namn
field-source-title = källans titel
field-party-name = partens namn
field-org-number = organisationsnumret
field-unit = enheten
field-contact-name = kontaktpersonens namn
field-signatory-name = undertecknarens namn
field-report-title = verksamhetsberättelsens titel
field-page-title = sidans titel
field-site-title = webbplatsens titel
field-publisher = utgivaren

## site.yaml och verksamhetsberättelser

report-duplicate = { $first } innehåller redan verksamhetsberättelsen för `{ $agreement }` och { $year }; ha en fil per överenskommelse och år
base-url-invalid = base_url `{ $base }` måste vara en fullständig adress som börjar med https:// (eller http://)
contact-email-invalid = contact_email `{ $text }` är ingen e-postadress; skriv en adress, t.ex. open.data@kommun.se
grant-id-prefix-invalid = grant_id_prefix `{ $text }` måste börja med `360G-` och får bara innehålla bokstäver, siffror och bindestreck, t.ex. 360G-kalmarkommun
rows-per-page-invalid = `{ $rows }` rader per sida går inte; skriv ett heltal från 1 till 1000 (100 om du är osäker)
reports-from-invalid = `{ $year }` är inget år; skriv det första år vars verksamhetsberättelse webbplatsen följer upp, t.ex. 2024
date-invalid = `{ $text }` är inget giltigt datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. 2025-01-31
when-invalid = `{ $text }` är inget datum; skriv dagen (2025-01-31), eller bara månaden (2025-01) eller året (2025) när det är allt som är känt
when-invalid-or-unknown = `{ $text }` är inget datum; skriv dagen (2025-01-31), eller bara månaden (2025-01) eller året (2025) när det är allt som är känt, eller `unknown` när slutet inte är känt
amount-negative = beloppet { $amount } är negativt; belopp anges i hela kronor, 0 eller mer
amount-too-large = beloppet { $amount } kr är över tio miljarder kronor om året; är det en siffra för mycket?
amount-grouped = `{ $text }` är inget belopp; skriv hela kronor utan avgränsare: { $kronor }
amount-invalid = `{ $text }` är inget belopp; skriv hela kronor utan mellanslag (650000), eller `unpublished` om utgivaren inte lämnar ut beloppet, eller `unknown` om utgivaren inte känner till det
report-agreement-unknown = det finns ingen överenskommelse `{ $id }`; överenskommelserna är: { $known }
report-agreement-unknown-none = det finns ingen överenskommelse `{ $id }`; det finns inga överenskommelser än
report-year-outside = året { $year } ligger utanför överenskommelsen `{ $id }`, som gäller { $first }–{ $last }
statistic-not-finite = ett nyckeltal måste vara ett ändligt tal
statistic-no-value = nyckeltalet `{ $name }` har inget värde än; skriv dess siffra för { $year }, eller ta bort nyckeltalet (raderna med namn, värde och enhet) om siffran inte är känd

## Överenskommelser

org-number-bad-character = organisationsnumret `{ $text }` innehåller `{ $character }`; bara siffror, mellanslag och ett bindestreck är tillåtna
org-number-wrong-length = organisationsnumret `{ $text }` har { $digits } siffror; det ska ha 10 (NNNNNN-NNNN)
org-number-check-digit = organisationsnumret `{ $text }` klarar inte kontrollsiffran (Luhn); kontrollera om det är felskrivet
sources-missing = ange minst ett källdokument som överenskommelsen är hämtad från
period-backwards = perioden slutar ({ $end }) innan den börjar ({ $start })
extends-to-early = extends_to ({ $to }) måste ligga efter överenskommelsens slut ({ $end })
fine-not-kronor = skriv vitet i hela kronor, eller utelämna `fine` om det inte är känt
goal-unknown = mål { $number } finns inte; Agenda 2030-målen är numrerade 1 till 17
goal-twice = mål { $number } står med två gånger
target-twice = delmål { $text } står med två gånger
target-other-goal = delmål { $text } hör till mål { $other }, inte mål { $goal }; för upp det under mål { $other }
target-not-of-goal = `{ $text }` är inget delmål till mål { $goal }; dess delmål är { $targets }
targets-numbered = { $numbered }
targets-numbered-lettered = { $numbered } och { $lettered }
targets-none = inga
link-invalid = `{ $url }` är ingen webbadress; länkar måste börja med https:// eller http://
parties-too-few = en överenskommelse behöver minst två parter
parties-same-name = två parter heter `{ $name }`; varje part behöver ett eget namn
party-unknown = { $what } `{ $wanted }` är ingen part i den här överenskommelsen; parterna är { $names }
role-convener = den som kallar (convener)
role-funder = finansiären (funder)
years-invalid = `{ $text }` är inte ett år eller ett intervall av år; skriv 2025 eller 2021-2024
years-backwards = intervallet `{ $text }` måste gå framåt i tiden, t.ex. 2021-2024
funding-amount-and-total = ange antingen `amount` (för varje år) eller `total` (för alla åren tillsammans), inte båda
funding-no-amount = finansieringsraden saknar belopp; lägg till `amount:` (hela kronor per år) eller `total:` (för alla dess år tillsammans), med `unpublished` eller `unknown` där summan inte är offentlig eller inte känd
funding-outside-period = finansieringen för { $first }–{ $last } ligger utanför överenskommelsens period ({ $start }–{ $end })
funding-twice = { $funder } har redan en finansieringsrad för { $year }; ge varje finansiär (och enhet) en rad per år
no-nonprofit-party = ingen part är idéburen (kind: nonprofit); stämmer det för ett IOP?
funding-none = överenskommelsen har inga finansieringsrader, så dess sidor visar inga pengar; skriv `amount: unpublished` om beloppet inte är offentligt, eller `amount: unknown` om det inte är känt
funding-years-missing = ingen finansieringsrad för { $years }, fast perioden omfattar { $count ->
    [one] det året
   *[other] de åren
}
org-number-two-names = organisationsnumret { $number } används också för `{ $name }` ({ $place }); samma nummer under två namn slås ihop till en organisation: kontrollera numret, eller skriv namnen likadant

## Bilagor som `file:` pekar ut

attachment-refused = { $file } kan inte publiceras: { $why }
attachment-missing = det finns ingen fil `{ $name }` i { $dir }/ (letade efter { $path })
attachment-missing-no-folder = det finns ingen fil `{ $name }` i { $dir }/ (letade efter { $path }); mappen { $dir }/ finns inte: lägg de filer som källorna pekar ut där
attachment-missing-hidden = det finns ingen fil `{ $name }` i { $dir }/ (letade efter { $path }); filer och mappar vars namn börjar med `.` publiceras inte
attachment-missing-suggest = det finns ingen fil `{ $name }` i { $dir }/ (letade efter { $path }); menade du `{ $close }`?
attachment-absolute = `{ $name }` är en absolut sökväg; ange filen med dess sökväg inne i { $dir }/, t.ex. `avtal.pdf` eller `2024/beslut.pdf`
attachment-backslash = `{ $name }` innehåller `\`; skilj mappar åt med `/`, t.ex. `2024/beslut.pdf`
attachment-dot-dot = `{ $name }` leder ut ur { $dir }/ med `..`; bara filer i den mappen publiceras, så lägg filen där och ange den med sökvägen inne i mappen
attachment-empty = `file:` är tomt; ange en fil i { $dir }/, eller utelämna nyckeln

## Temat och det som byggs

template-error = fel i mallen: { $detail }
template-not-utf8 = mallen är inte UTF-8-text
theme-no-strings = temat saknar texter för det här språket
theme-missing-strings = texter saknas: { $keys }
theme-file-clash = webbplatsen gör själv en fil `{ $path }`; ge temats fil ett annat namn
output-theme-file-gone = { $path }: temats fil finns inte längre
output-file-unreadable = { $path }: filen kan inte läsas: { $reason }
output-failed = { $path }: { $reason }
chart-failed = diagrammet `{ $id }` kunde inte ritas: { $reason }

## Att skriva webbplatsen (build)

write-not-ours = { $dir } innehåller filer som iopsite inte har skrivit (filen { $marker } saknas), så ett bygge ersätter inte mappen; flytta undan filerna eller skriv webbplatsen till en annan mapp. Inget har ändrats
write-hand-files = { $count ->
    [one] { $output } innehåller en fil som inget bygge har skrivit: { $files }; ett bygge ersätter hela mappen, så flytta ut filen (eller ta bort den) och bygg igen. Inget har ändrats
   *[other] { $output } innehåller filer som inget bygge har skrivit: { $files }; ett bygge ersätter hela mappen, så flytta ut filerna (eller ta bort dem) och bygg igen. Inget har ändrats
}
write-unsuitable = kan inte skriva webbplatsen till { $output }: { $why }. Inget har ändrats
write-resolve = kan inte följa sökvägen { $path }: { $reason }. Inget har ändrats
write-lock = kan inte låsa { $path } (ett bygge i taget): { $reason }. Inget har ändrats
write-io = kan inte skriva { $path }: { $reason }; den tidigare webbplatsen är oförändrad
write-bad-path = sökvägen `{ $path }` är inte tillåten (den måste ligga inne i mappen för webbplatsen); den tidigare webbplatsen är oförändrad
write-swap = kan inte sätta den nya webbplatsen i stället för { $output }: { $reason }; den tidigare webbplatsen är oförändrad
write-swap-moved = kan inte sätta den nya webbplatsen i stället för { $output }: { $reason }; den tidigare webbplatsen kunde inte flyttas tillbaka och ligger nu i { $moved }. Mappen för webbplatsen finns inte: bygg igen (nästa bygge flyttar först tillbaka den tidigare webbplatsen) eller flytta tillbaka den själv
output-is-root = det är filsystemets rot
output-is-file = { $path } är en fil, inte en mapp
output-is-site = { $path } är webbplatsens egen mapp
output-holds-site = { $path } innehåller webbplatsens egen mapp { $site }
output-own-folder = { $why }; skriv webbplatsen till en egen mapp

## Nya webbplatser och filer (init, new)

created = skapade { $path }
scaffold-exists = { $path } finns redan; välj ett annat namn eller en annan mapp
scaffold-bad-name = `{ $name }` är inget giltigt namn: använd små bokstäver a–z, siffror och enstaka bindestreck
scaffold-no-site = hittar ingen webbplats i { $dir } (ingen content/site.yaml eller site.yaml); kör `iopsite init` först
scaffold-site-exists = { $dir } innehåller redan en webbplats ({ $file } finns); `init` skapar en ny webbplats bara i en mapp som saknar en
scaffold-io = kan inte skriva { $path }: { $reason }
scaffold-bad-name-try = `{ $name }` är inget giltigt namn: använd små bokstäver a–z, siffror och enkla bindestreck; pröva `{ $command }`
scaffold-bad-year = `{ $year }` är inget årtal; skriv det med fyra siffror, t.ex. 2025
scaffold-unknown-agreement = det finns ingen överenskommelse `{ $id }` i { $folder }; en överenskommelses id är namnet på dess fil där, utan .yaml
scaffold-unknown-agreement-suggest = det finns ingen överenskommelse `{ $id }` i { $folder }; menade du `{ $closest }`?
scaffold-report-exists = { $path } innehåller redan verksamhetsberättelsen för `{ $agreement }` { $year }; redigera den filen i stället (iopsite skriver aldrig över en fil)
placeholder-left = `{ $placeholder }` är en platshållare från mallen; byt ut den mot er egen text
placeholder-more = filen har { $more ->
    [one] 1 platshållare till
   *[other] { $more } platshållare till
} från mallen efter den här

## Sammanfattningar

summary-built = byggde { $pages ->
    [one] 1 sida
   *[other] { $pages } sidor
}, { $charts ->
    [one] 1 diagram
   *[other] { $charts } diagram
} och { $files ->
    [one] 1 fil
   *[other] { $files } filer
} ({ $agreements ->
    [one] 1 överenskommelse
   *[other] { $agreements } överenskommelser
}, { $reports ->
    [one] 1 verksamhetsberättelse
   *[other] { $reports } verksamhetsberättelser
}, { $warnings ->
    [one] 1 varning
   *[other] { $warnings } varningar
}) på { $ms } ms (diagram { $chart_ms } ms över alla trådar), status per { $as_of }
summary-checked = kontrollerade { $pages ->
    [one] 1 sida
   *[other] { $pages } sidor
}, { $charts ->
    [one] 1 diagram
   *[other] { $charts } diagram
} och { $files ->
    [one] 1 fil
   *[other] { $files } filer
} ({ $agreements ->
    [one] 1 överenskommelse
   *[other] { $agreements } överenskommelser
}, { $reports ->
    [one] 1 verksamhetsberättelse
   *[other] { $reports } verksamhetsberättelser
}, { $warnings ->
    [one] 1 varning
   *[other] { $warnings } varningar
}) på { $ms } ms (diagram { $chart_ms } ms över alla trådar), status per { $as_of }
summary-nothing-written = { $counts }; inget skrevs
