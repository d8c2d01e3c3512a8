"""A thread of the demo partnership: the coordinators discuss the draft agreement, each in
their own language, every message translated by the demo coordinators into the other two
(partnerships.demo.translations_add; the demo runs without a translation service). Idempotent."""

import uuid

from pobratym.accounts.models import User
from pobratym.partnerships.demo import language_given, translations_add
from pobratym.partnerships.models import Partnership

from . import services
from .models import Thread

# Fixed keys: posting again returns what the first run stored.
NAMESPACE = uuid.UUID("6b1f4c2e-9a57-4d1e-8f0b-3c2d5e7a9b10")

SUBJECT = {
    "de": "Entwurf der Vereinbarung: Abstimmung der Sprachfassungen",
    "uk": "Проєкт угоди: узгодження мовних версій",
    "en": "Draft agreement: aligning the language versions",
}
# Who writes, in which language, and the message in every language (its original among them).
MESSAGES = [
    (
        "coordinator.dortmund@example.org",
        "de",
        {
            "de": "Liebe Kolleginnen und Kollegen in Schytomyr,\n\n"
            "anbei der **Entwurf der Vereinbarung** über die Solidaritätspartnerschaft. Könnten "
            "Sie bitte bis Ende des Monats prüfen, ob die ukrainische Fassung mit der deutschen "
            "übereinstimmt?\n\nViele Grüße aus Dortmund",
            "uk": "Шановні колеги в Житомирі,\n\n"
            "надсилаємо **проєкт угоди** про партнерство солідарності. Чи могли б ви до кінця "
            "місяця перевірити, чи відповідає українська редакція німецькій?\n\n"
            "З найкращими побажаннями з Дортмунда",
            "en": "Dear colleagues in Zhytomyr,\n\n"
            "please find attached the **draft agreement** on the solidarity partnership. Could "
            "you check by the end of the month whether the Ukrainian version matches the German "
            "one?\n\nBest regards from Dortmund",
        },
    ),
    (
        "coordinator.zhytomyr@example.org",
        "uk",
        {
            "uk": "Дякуємо! Ми переглянули український текст. У розділі про гуманітарну допомогу "
            "пропонуємо уточнити формулювання:\n\n"
            "- «відбудова» замість «реконструкція»;\n"
            "- назви напрямів співпраці як у меморандумі.\n\n"
            "Решту зауважень надішлемо до п'ятниці.",
            "de": "Vielen Dank! Wir haben die ukrainische Fassung durchgesehen. Im Abschnitt über "
            "die humanitäre Hilfe schlagen wir genauere Formulierungen vor:\n\n"
            "- „Wiederaufbau“ statt „Rekonstruktion“;\n"
            "- die Schwerpunkte so benennen wie im Memorandum.\n\n"
            "Die übrigen Anmerkungen schicken wir bis Freitag.",
            "en": "Thank you! We have reviewed the Ukrainian text. In the section on humanitarian "
            "aid we suggest more precise wording:\n\n"
            "- “rebuilding” instead of “reconstruction”;\n"
            "- the areas of cooperation named as in the memorandum.\n\n"
            "We will send the remaining comments by Friday.",
        },
    ),
    (
        "coordinator.dortmund@example.org",
        "de",
        {
            "de": "Danke, das übernehmen wir gern. Wir warten auf Ihre weiteren Anmerkungen.",
            "uk": "Дякуємо, охоче це врахуємо. Чекаємо на ваші подальші зауваження.",
            "en": "Thank you, we are happy to adopt this. We look forward to your further "
            "comments.",
        },
    ),
]


def load_conversations(partnership: Partnership) -> Thread | None:
    """The thread about the draft agreement, if the demo has one and its coordinators."""
    agreement = partnership.agreements.order_by("created_at").first()
    people = {user.email: user for user in User.objects.filter(email__endswith="@example.org")}
    if agreement is None or any(email not in people for email, *_rest in MESSAGES):
        return None
    thread = None
    for number, (email, language, texts) in enumerate(MESSAGES):
        key = uuid.uuid5(NAMESPACE, f"{partnership.slug}:{number}")
        body = texts[language]
        if thread is None:
            thread = services.thread_create(
                partnership=partnership,
                by=people[email],
                subject=SUBJECT[language],
                body=body,
                language=language,
                idempotency_key=key,
                attached_to=agreement,
            )
            message = thread.messages.order_by("created_at", "pk").first()
        else:
            message = services.message_post(
                thread=thread, by=people[email], body=body, language=language, idempotency_key=key
            )
        translations_add(message, {"body": texts})
    if thread is not None:
        translations_add(language_given(thread, MESSAGES[0][1]), {"subject": SUBJECT})
    return thread
