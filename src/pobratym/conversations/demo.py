"""A thread of the demo partnership: the coordinators discuss the draft agreement, each in
their own language, with translations by people. Idempotent."""

import uuid

from pobratym.accounts.models import User
from pobratym.partnerships.models import Partnership

from . import services
from .models import MessageTranslation, Thread

# Fixed keys: posting again returns what the first run stored.
NAMESPACE = uuid.UUID("6b1f4c2e-9a57-4d1e-8f0b-3c2d5e7a9b10")

SUBJECT = "Entwurf der Vereinbarung: Abstimmung der Sprachfassungen"
MESSAGES = [
    (
        "coordinator.dortmund@example.org",
        "de",
        "Liebe Kolleginnen und Kollegen in Schytomyr,\n\n"
        "anbei der **Entwurf der Vereinbarung** über die Solidaritätspartnerschaft. Könnten "
        "Sie bitte bis Ende des Monats prüfen, ob die ukrainische Fassung mit der deutschen "
        "übereinstimmt?\n\nViele Grüße aus Dortmund",
        (
            "coordinator.zhytomyr@example.org",
            "uk",
            "Шановні колеги в Житомирі,\n\n"
            "надсилаємо **проєкт угоди** про партнерство солідарності. Чи могли б ви до кінця "
            "місяця перевірити, чи відповідає українська редакція німецькій?\n\n"
            "З найкращими побажаннями з Дортмунда",
        ),
    ),
    (
        "coordinator.zhytomyr@example.org",
        "uk",
        "Дякуємо! Ми переглянули український текст. У розділі про гуманітарну допомогу "
        "пропонуємо уточнити формулювання:\n\n"
        "- «відбудова» замість «реконструкція»;\n"
        "- назви напрямів співпраці як у меморандумі.\n\n"
        "Решту зауважень надішлемо до п'ятниці.",
        (
            "coordinator.dortmund@example.org",
            "de",
            "Vielen Dank! Wir haben die ukrainische Fassung durchgesehen. Im Abschnitt über "
            "die humanitäre Hilfe schlagen wir genauere Formulierungen vor:\n\n"
            "- „Wiederaufbau“ statt „Rekonstruktion“;\n"
            "- die Schwerpunkte so benennen wie im Memorandum.\n\n"
            "Die übrigen Anmerkungen schicken wir bis Freitag.",
        ),
    ),
    (
        "coordinator.dortmund@example.org",
        "de",
        "Danke, das übernehmen wir gern. Wir warten auf Ihre weiteren Anmerkungen.",
        None,
    ),
]


def load_conversations(partnership: Partnership) -> Thread | None:
    """The thread about the draft agreement, if the demo has one and its coordinators."""
    agreement = partnership.agreements.order_by("created_at").first()
    people = {user.email: user for user in User.objects.filter(email__endswith="@example.org")}
    if agreement is None or any(email not in people for email, *_rest in MESSAGES):
        return None
    thread = None
    for number, (email, language, body, translation) in enumerate(MESSAGES):
        key = uuid.uuid5(NAMESPACE, f"{partnership.slug}:{number}")
        if thread is None:
            thread = services.thread_create(
                partnership=partnership,
                by=people[email],
                subject=SUBJECT,
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
        if translation is not None:
            translator, translated_language, text = translation
            if not MessageTranslation.objects.filter(
                message=message, language=translated_language
            ).exists():
                services.translation_save(
                    message=message,
                    by=people[translator],
                    language=translated_language,
                    text=text,
                    revision=0,
                )
    return thread
