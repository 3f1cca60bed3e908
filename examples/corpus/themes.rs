//! What the generated agreements are about: one theme per kind of non-profit work, with
//! the words, activities, key figures and Agenda 2030 goals that belong to it.

/// One kind of non-profit work.
pub struct Theme {
    /// Part of the agreement id.
    pub key: &'static str,
    /// Organisation names; `{}` is replaced by a place name.
    pub org_names: &'static [&'static str],
    /// What the partnership is about, to follow "samarbetar kring".
    pub area: &'static str,
    pub target_group: &'static str,
    /// Things the organisation does, as objects of "har genomfört", "erbjuder" …
    pub objects: &'static [&'static str],
    /// Name, description and stated volume.
    pub activities: &'static [(&'static str, &'static str, &'static str)],
    pub objectives: &'static [&'static str],
    /// Key figures: name, unit ("" for none) and a typical yearly value.
    pub statistics: &'static [(&'static str, &'static str, f64)],
    pub goals: &'static [u8],
    /// The municipal board that usually pays, and its diary prefix.
    pub board: (&'static str, &'static str),
}

pub const THEMES: &[Theme] = &[
    Theme {
        key: "kvinnojour",
        org_names: &[
            "Kvinnojouren i {}",
            "{} kvinno- och tjejjour",
            "Ungdomsjouren {}",
            "Stödcentrum mot våld {}",
        ],
        area: "stöd till våldsutsatta kvinnor och unga och förebyggande arbete mot våld i nära relationer",
        target_group: "våldsutsatta kvinnor, unga och deras barn",
        objects: &[
            "stödsamtal för våldsutsatta",
            "chattstöd på kvällar och helger",
            "föreläsningar om samtycke i skolorna",
            "gruppverksamhet för barn som upplevt våld",
            "utbildningar för yrkesverksamma",
        ],
        activities: &[
            (
                "Telefonstöd och stödchatt",
                "Stöd och råd via telefon och chatt, även kvällstid och helger.",
                "cirka 15 samtal i veckan",
            ),
            (
                "Samtalsstöd enskilt och i grupp",
                "En öppen verksamhet för personlig och vid behov upprepad kontakt.",
                "två grupper per termin",
            ),
            (
                "Förebyggande arbete i skolor",
                "Workshops om gränser, sunda relationer och samtycke.",
                "ett tiotal skolbesök per termin",
            ),
            (
                "Följa med-stöd",
                "Stödpersoner följer med vid besök hos polis, socialtjänst och domstol.",
                "",
            ),
        ],
        objectives: &[
            "Minska antalet våldsutsatta.",
            "Utveckla insatser utifrån målgruppens behov.",
            "Höja kunskapen om våld i nära relationer.",
        ],
        statistics: &[
            ("Stödsamtal", "samtal", 900.0),
            ("Chattkontakter", "kontakter", 400.0),
            ("Skolbesök", "besök", 30.0),
            ("Stödpersoner i tjänst", "personer", 25.0),
        ],
        goals: &[5, 16, 3, 10],
        board: ("Socialnämnden", "SN"),
    },
    Theme {
        key: "motesplats",
        org_names: &[
            "Mötesplats {}",
            "Träffpunkten i {}",
            "Röda Korsets krets i {}",
            "Kupan {}",
        ],
        area: "social gemenskap, trygghet och minskad ofrivillig ensamhet",
        target_group: "boende i utsatta områden och personer som lever i ofrivillig ensamhet",
        objects: &[
            "öppna träffar på mötesplatsen",
            "språkcaféet på torsdagskvällarna",
            "sömnadsgrupper och återbruk",
            "gemensamma luncher för äldre",
            "utflykter för familjer",
        ],
        activities: &[
            (
                "Öppen mötesplats",
                "En mötesplats med café och secondhand där alla är välkomna.",
                "cirka 300 besökare i veckan",
            ),
            (
                "Språkcafé",
                "Samtal på svenska över en fika, lett av frivilliga.",
                "en kväll i veckan",
            ),
            (
                "Besöksverksamhet",
                "Frivilliga besöker äldre på boenden och i hemmet.",
                "ett 40-tal besök i månaden",
            ),
        ],
        objectives: &[
            "Öka den sociala gemenskapen och tryggheten i området.",
            "Minska den ofrivilliga ensamheten.",
            "Främja språkutvecklingen hos nyanlända.",
        ],
        statistics: &[
            ("Besökare", "personer", 12000.0),
            ("Aktiva frivilliga", "personer", 60.0),
            ("Språkcaféträffar", "träffar", 40.0),
            ("Nöjda besökare", "procent", 85.0),
        ],
        goals: &[1, 10, 11, 17],
        board: ("Kommunstyrelsen", "KS"),
    },
    Theme {
        key: "laxhjalp",
        org_names: &[
            "Läxhjälpen {}",
            "Studiecirkeln {}",
            "Föreningen Unga i {}",
            "Barnens hus {}",
        ],
        area: "läxhjälp, fritid och goda förutsättningar för barn och unga att klara skolan",
        target_group: "barn och unga i grundskolan och gymnasiet",
        objects: &[
            "läxhjälp på eftermiddagarna",
            "mentorsprogrammet för unga",
            "lovaktiviteter under sommaren",
            "föräldraträffar om skolan",
            "studiebesök på arbetsplatser",
        ],
        activities: &[
            (
                "Läxhjälp",
                "Frivilliga studenter hjälper elever med skolarbetet.",
                "fyra eftermiddagar i veckan",
            ),
            (
                "Lovverksamhet",
                "Aktiviteter under sport-, påsk- och sommarlov.",
                "cirka 200 deltagare per lov",
            ),
            (
                "Föräldrastöd",
                "Träffar för föräldrar om skolsystemet och barnens lärande.",
                "",
            ),
        ],
        objectives: &[
            "Fler elever ska nå målen i skolan.",
            "Barn och unga ska ha en meningsfull fritid.",
            "Stärka samarbetet mellan skola, föräldrar och civilsamhälle.",
        ],
        statistics: &[
            ("Elever med läxhjälp", "elever", 150.0),
            ("Läxhjälpstimmar", "timmar", 2500.0),
            ("Deltagare på lovaktiviteter", "deltagare", 400.0),
        ],
        goals: &[4, 10, 1],
        board: ("Barn- och utbildningsnämnden", "BUN"),
    },
    Theme {
        key: "idrott",
        org_names: &["{} IF", "IK {}", "{} bollklubb", "Idrottsalliansen {}"],
        area: "idrott, rörelse och en meningsfull fritid för barn och unga",
        target_group: "barn och unga som inte redan är med i en förening",
        objects: &[
            "öppna träningar på helgerna",
            "spontanidrott i skolornas idrottshallar",
            "ledarutbildningar för unga",
            "sommarlovsaktiviteter",
            "nattfotbollen på fredagar",
        ],
        activities: &[
            (
                "Öppen idrott",
                "Kostnadsfria träningar utan krav på medlemskap.",
                "tre kvällar i veckan",
            ),
            (
                "Unga ledare",
                "Utbildning och handledning för unga som vill bli ledare.",
                "cirka 20 ledare per år",
            ),
            ("Nattfotboll", "Fotboll och gemenskap fredagskvällar.", ""),
        ],
        objectives: &[
            "Fler barn och unga ska röra sig regelbundet.",
            "Fler unga ska ta ledaruppdrag.",
            "Idrotten ska vara tillgänglig oavsett bakgrund.",
        ],
        statistics: &[
            ("Deltagartillfällen", "tillfällen", 8000.0),
            ("Unga ledare", "ledare", 20.0),
            ("Andel flickor", "procent", 40.0),
        ],
        goals: &[3, 10, 5],
        board: ("Kultur- och fritidsnämnden", "KFN"),
    },
    Theme {
        key: "arbete",
        org_names: &[
            "Arbetsintegrerande föreningen {}",
            "Återbruket {}",
            "Sociala kooperativet {}",
            "Steg för steg {}",
        ],
        area: "arbetsträning och vägar till egen försörjning för personer långt från arbetsmarknaden",
        target_group: "personer med långvarig arbetslöshet eller försörjningsstöd",
        objects: &[
            "arbetsträning i butiken",
            "individuella handlingsplaner",
            "studiebesök hos arbetsgivare",
            "kurser i svenska för arbetslivet",
            "praktikplatser inom återbruk",
        ],
        activities: &[
            (
                "Arbetsträning",
                "Arbetsträning i butik, café och lager med handledning.",
                "cirka 30 platser",
            ),
            (
                "Vägledning",
                "Individuella samtal och planering mot arbete eller studier.",
                "",
            ),
            (
                "Återbruk",
                "Insamling, reparation och försäljning av begagnade varor.",
                "fem dagar i veckan",
            ),
        ],
        objectives: &[
            "Fler deltagare ska gå vidare till arbete eller studier.",
            "Minska beroendet av försörjningsstöd.",
            "Bidra till en cirkulär ekonomi.",
        ],
        statistics: &[
            ("Deltagare i arbetsträning", "personer", 70.0),
            ("Vidare till arbete eller studier", "personer", 20.0),
            ("Återbrukade varor", "ton", 45.0),
        ],
        goals: &[8, 10, 12, 1],
        board: ("Arbetsmarknadsnämnden", "AMN"),
    },
    Theme {
        key: "aldre",
        org_names: &[
            "Seniorföreningen {}",
            "Pensionärernas hus {}",
            "Väntjänsten i {}",
            "Äldrekontakt {}",
        ],
        area: "aktiviteter, gemenskap och stöd för äldre",
        target_group: "äldre som bor hemma och anhöriga som vårdar en närstående",
        objects: &[
            "gympa och promenadgrupper för äldre",
            "digital vardag för seniorer",
            "väntjänstens besök",
            "anhörigcirklar",
            "gemensamma måltider",
        ],
        activities: &[
            (
                "Väntjänst",
                "Frivilliga besöker och följer med äldre på ärenden.",
                "ett 60-tal frivilliga",
            ),
            (
                "Digital vardag",
                "Hjälp att använda mobil, dator och e-tjänster.",
                "två gånger i veckan",
            ),
            ("Anhörigstöd", "Samtalsgrupper för anhöriga.", ""),
        ],
        objectives: &[
            "Minska ofrivillig ensamhet bland äldre.",
            "Äldre ska kunna bo kvar hemma längre med god livskvalitet.",
            "Anhöriga ska få stöd och avlastning.",
        ],
        statistics: &[
            ("Besök av väntjänsten", "besök", 1500.0),
            ("Deltagare i gruppaktiviteter", "personer", 300.0),
            ("Nöjdhet", "", 4.2),
        ],
        goals: &[3, 10, 11],
        board: ("Vård- och omsorgsnämnden", "VON"),
    },
    Theme {
        key: "stadsmission",
        org_names: &[
            "{} stadsmission",
            "Hjälpverksamheten i {}",
            "Härbärget {}",
            "Matkassen {}",
        ],
        area: "stöd till människor i hemlöshet och ekonomisk utsatthet",
        target_group: "personer i hemlöshet, med missbruk eller i akut ekonomisk utsatthet",
        objects: &[
            "dagverksamheten med frukost och dusch",
            "matkassar till familjer",
            "akutboendets nattplatser",
            "stödsamtal med diakon",
            "budget- och skuldrådgivning",
        ],
        activities: &[
            (
                "Dagverksamhet",
                "Frukost, lunch, dusch och tvätt samt samtal.",
                "alla vardagar",
            ),
            (
                "Akutboende",
                "Nattplatser för personer utan bostad.",
                "tolv platser",
            ),
            (
                "Matstöd",
                "Matkassar och sociala måltider.",
                "cirka 80 kassar i veckan",
            ),
        ],
        objectives: &[
            "Ingen ska behöva sova ute.",
            "Minska den akuta utsattheten.",
            "Lotsa till rätt stöd i kommunen.",
        ],
        statistics: &[
            ("Besök i dagverksamheten", "besök", 9000.0),
            ("Övernattningar", "nätter", 3500.0),
            ("Utdelade matkassar", "kassar", 4000.0),
        ],
        goals: &[1, 2, 11, 3],
        board: ("Socialnämnden", "SN"),
    },
    Theme {
        key: "integration",
        org_names: &[
            "Välkommen till {}",
            "Internationella föreningen i {}",
            "Kvinnors nätverk {}",
            "Svenska med baby {}",
        ],
        area: "etablering och delaktighet för nyanlända",
        target_group: "nyanlända och utrikes födda som vill lära sig svenska och komma in i samhället",
        objects: &[
            "samhällsinformation på flera språk",
            "språkvänsprogrammet",
            "föräldragrupper för nyanlända",
            "läxhjälp för vuxna",
            "matlagningskvällar",
        ],
        activities: &[
            (
                "Språkvän",
                "Frivilliga matchas med nyanlända för samtal på svenska.",
                "ett 50-tal par",
            ),
            (
                "Samhällsinformation",
                "Träffar om myndigheter, skola och vård.",
                "en gång i månaden",
            ),
            ("Kvinnogrupp", "Träffar för kvinnor med små barn.", ""),
        ],
        objectives: &[
            "Nyanlända ska snabbare lära sig svenska.",
            "Öka delaktigheten i föreningslivet.",
            "Motverka utanförskap och diskriminering.",
        ],
        statistics: &[
            ("Språkvänspar", "par", 50.0),
            ("Deltagare på träffar", "personer", 600.0),
            ("Språk i verksamheten", "språk", 12.0),
        ],
        goals: &[4, 10, 16, 5],
        board: ("Kommunstyrelsen", "KS"),
    },
    Theme {
        key: "friluftsliv",
        org_names: &[
            "Naturskyddsföreningen {}",
            "Friluftsfrämjandet {}",
            "Scoutkåren {}",
            "Odlingsföreningen {}",
        ],
        area: "friluftsliv, natur och hållbar livsstil",
        target_group: "barn, familjer och vuxna som vill vara mer i naturen",
        objects: &[
            "naturvandringar för familjer",
            "skötseln av vandringslederna",
            "stadsodlingen vid skolan",
            "naturskola för förskolor",
            "inventeringar av pollinerare",
        ],
        activities: &[
            (
                "Naturskola",
                "Utomhuspedagogik för förskolor och skolor.",
                "cirka 40 klasser per år",
            ),
            (
                "Ledskötsel",
                "Frivilliga röjer och märker upp vandringsleder.",
                "drygt 30 kilometer led",
            ),
            (
                "Stadsodling",
                "Gemensam odling med kurser och skördefest.",
                "",
            ),
        ],
        objectives: &[
            "Fler ska få tillgång till natur och friluftsliv.",
            "Öka kunskapen om biologisk mångfald.",
            "Bidra till kommunens klimatarbete.",
        ],
        statistics: &[
            ("Deltagare på aktiviteter", "personer", 2500.0),
            ("Skötta leder", "km", 30.0),
            ("Ideella timmar", "timmar", 4000.0),
        ],
        goals: &[15, 13, 11, 3, 4],
        board: ("Miljö- och samhällsbyggnadsnämnden", "MSN"),
    },
    Theme {
        key: "kultur",
        org_names: &[
            "Teaterföreningen {}",
            "Kulturhuset {}",
            "{} musikförening",
            "Folkets hus i {}",
        ],
        area: "kultur för alla och barns och ungas eget skapande",
        target_group: "barn, unga och vuxna som sällan tar del av kultur",
        objects: &[
            "teaterkurser för unga",
            "öppna scenen",
            "konserter på äldreboenden",
            "skrivarverkstäder",
            "kulturfestivalen i augusti",
        ],
        activities: &[
            (
                "Kulturskola i föreningsform",
                "Kurser i teater, dans och musik.",
                "cirka 25 grupper per termin",
            ),
            (
                "Öppen scen",
                "En scen där unga kan framträda inför publik.",
                "en gång i månaden",
            ),
            (
                "Kultur i vården",
                "Konserter och högläsning på boenden.",
                "",
            ),
        ],
        objectives: &[
            "Fler barn och unga ska skapa själva.",
            "Kulturen ska nå hela kommunen.",
            "Stärka det lokala kulturlivet.",
        ],
        statistics: &[
            ("Publik", "personer", 7000.0),
            ("Kursdeltagare", "deltagare", 350.0),
            ("Föreställningar och konserter", "tillfällen", 60.0),
        ],
        goals: &[4, 11, 10],
        board: ("Kultur- och fritidsnämnden", "KFN"),
    },
];
