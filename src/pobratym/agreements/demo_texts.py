# ruff: noqa: E501 (prose, one paragraph per line)
"""The draft solidarity partnership of 2023 (German original, see the founding documents) with
our Ukrainian and English renderings, for the demo."""

TITLES = {
    "de": "Solidaritätspartnerschaft zwischen der Stadt Dortmund und der Stadt Schytomyr",
    "uk": "Партнерство солідарності між містом Дортмунд і містом Житомир",
    "en": "Solidarity partnership between the City of Dortmund and the City of Zhytomyr",
}

BODIES = {
    "de": """Sowohl der Rat als auch die Verwaltung der Stadt Dortmund verurteilen den russischen Angriffskrieg gegen die Ukraine aufs Schärfste und zeigen sich solidarisch mit der ukrainischen Bevölkerung. Diese Solidarität soll über eine Solidaritätspartnerschaft mit der Stadt Schytomyr bekräftigt werden.

Die Solidaritätspartnerschaft bietet eine Plattform für bilaterale Kommunikation und Kooperationsprojekte, primär humanitäre Hilfe in Schytomyr zu leisten und die Stadt Schytomyr beim Wiederaufbau zu unterstützen.

Die Stadtverwaltung Dortmund wird die Stadt Schytomyr darin begleiten, das kommunale Selbstverwaltungsrecht zu stärken und auszuüben, Verwaltungserfahrungen zu teilen und europäische/internationale Netzwerke, Projekte und Programme zu nutzen, um die Annäherung der Ukraine an die Europäische Union zu unterstützen.

Im Rahmen der kommunalen Zusammenarbeit werden neben humanitärer Hilfe zudem folgende inhaltliche Schwerpunkte der gemeinsamen Arbeit festgelegt:

- Digitalisierung
- Stadtplanung und Denkmalschutz
- Wirtschafts- und Innovationsförderung
- Wissenschaft

Darüber hinaus sollen weitere Maßnahmen wie Kultur- und Verwaltungs-/Fachaustausche oder Jugendbegegnungen angeregt werden.

Die Zivilgesellschaft, die Privatwirtschaft und auch städtische Tochterunternehmen sollen in die Partnerschaft einbezogen werden.

Das Abkommen wird auf unbestimmte Zeit unterzeichnet und tritt am Tag der Unterzeichnung in Kraft. Es kann von jeder Partei schriftlich gekündigt werden.

Während der Geltungsdauer dieses Abkommens kann jede Partei Ergänzungen hinzufügen, wenn beide Parteien dies schriftlich vereinbaren.

Dieses Schreiben stellt keine rechtsverbindliche Vereinbarung oder finanzielle Verpflichtung dar, sondern ist Ausdruck des festen Willens beider Städte, die Zusammenarbeit im gegenseitigen Interesse zu fördern.

Es ist beabsichtigt, die Solidaritätspartnerschaft im Jahr 2025 in eine formelle Städtepartnerschaft zu überführen.

Die Zusammenarbeit geschieht in Übereinstimmung mit dem ukrainischen Recht und dem Recht der Bundesrepublik Deutschland.""",
    "uk": """Як Рада, так і адміністрація міста Дортмунд якнайрішучіше засуджують загарбницьку війну Росії проти України та висловлюють солідарність з українським народом. Цю солідарність має бути підтверджено партнерством солідарності з містом Житомир.

Партнерство солідарності є платформою для двосторонньої комунікації та проєктів співпраці, передусім для надання гуманітарної допомоги в Житомирі та підтримки міста Житомир у відбудові.

Міська адміністрація Дортмунда супроводжуватиме місто Житомир у зміцненні та здійсненні права на місцеве самоврядування, ділитиметься управлінським досвідом і допомагатиме використовувати європейські та міжнародні мережі, проєкти й програми, щоб підтримати наближення України до Європейського Союзу.

У межах муніципальної співпраці, крім гуманітарної допомоги, визначено такі змістовні напрями спільної роботи:

- цифровізація
- містобудування та охорона культурної спадщини
- підтримка економіки та інновацій
- наука

Крім того, мають бути започатковані інші заходи, як-от культурні, адміністративні та експертні обміни або молодіжні обміни.

До партнерства мають бути залучені громадянське суспільство, приватний сектор, а також комунальні підприємства міста.

Угоду підписано на невизначений строк, і вона набирає чинності в день підписання. Кожна зі сторін може розірвати її в письмовій формі.

Протягом строку дії цієї угоди кожна зі сторін може вносити до неї доповнення, якщо обидві сторони погодять це в письмовій формі.

Цей документ не є юридично обов'язковою угодою чи фінансовим зобов'язанням, а є виявом твердого наміру обох міст розвивати співпрацю у взаємних інтересах.

Передбачається у 2025 році перетворити партнерство солідарності на офіційне партнерство міст.

Співпраця здійснюється відповідно до законодавства України та законодавства Федеративної Республіки Німеччина.""",
    "en": """Both the council and the administration of the City of Dortmund condemn Russia's war of aggression against Ukraine in the strongest terms and stand in solidarity with the people of Ukraine. This solidarity is to be affirmed through a solidarity partnership with the City of Zhytomyr.

The solidarity partnership offers a platform for bilateral communication and cooperation projects, first of all to provide humanitarian aid in Zhytomyr and to support the City of Zhytomyr in its reconstruction.

The administration of the City of Dortmund will accompany the City of Zhytomyr in strengthening and exercising its right of local self-government, share administrative experience, and help it use European and international networks, projects and programmes in support of Ukraine's approach to the European Union.

Within the municipal cooperation, besides humanitarian aid, the following focus areas of the joint work are agreed:

- digitalisation
- urban planning and heritage protection
- economic and innovation promotion
- science

Further measures such as cultural, administrative and expert exchanges or youth encounters are to be encouraged.

Civil society, the private sector and municipal subsidiaries are to take part in the partnership.

The agreement is signed for an indefinite term and comes into force on the day of signature. Either party may terminate it in writing.

While this agreement is in force, either party may add amendments if both parties agree to them in writing.

This document is neither a legally binding agreement nor a financial commitment; it expresses the firm will of both cities to promote cooperation in their mutual interest.

It is intended to convert the solidarity partnership into a formal twinning in 2025.

The cooperation follows Ukrainian law and the law of the Federal Republic of Germany.""",
}

# The agreement's title and terms, written in Dortmund in German like the draft, with the
# coordinators' translations; the terms in the draft's own words.
TERMS = {
    "title": {
        "de": "Solidaritätspartnerschaft Dortmund – Schytomyr",
        "uk": "Партнерство солідарності Дортмунд – Житомир",
        "en": "Solidarity partnership Dortmund – Zhytomyr",
    },
    "authoritative_language": "",
    "legally_binding": False,
    "governing_law": {
        "de": "Ukrainisches Recht und das Recht der Bundesrepublik Deutschland",
        "uk": "Законодавство України та законодавство Федеративної Республіки Німеччина",
        "en": "Ukrainian law and the law of the Federal Republic of Germany",
    },
    "notice_rules": {
        "de": "Jede Partei kann die Vereinbarung schriftlich kündigen.",
        "uk": "Кожна зі сторін може розірвати угоду в письмовій формі.",
        "en": "Either party may terminate the agreement in writing.",
    },
}
