"""Agreements and letters are read in the reader's language (decision 0013): each carries the
original language of its free texts. A letter's own language, which its subject and summary
need not share, becomes `letter_language`."""

from django.db import migrations, models

LANGUAGES = [("de", "German"), ("uk", "Ukrainian"), ("en", "English")]


def original_language():
    return models.CharField(
        blank=True, choices=LANGUAGES, max_length=8, verbose_name="original language"
    )


class Migration(migrations.Migration):
    dependencies = [("agreements", "0004_agreement_idempotency")]

    operations = [
        migrations.RenameField(model_name="letter", old_name="language", new_name="letter_language"),
        migrations.RenameField(
            model_name="historicalletter", old_name="language", new_name="letter_language"
        ),
        migrations.AlterField(
            model_name="letter",
            name="letter_language",
            field=models.CharField(
                choices=LANGUAGES, max_length=8, verbose_name="language of the letter"
            ),
        ),
        migrations.AlterField(
            model_name="historicalletter",
            name="letter_language",
            field=models.CharField(
                choices=LANGUAGES, max_length=8, verbose_name="language of the letter"
            ),
        ),
        migrations.AddField(model_name="letter", name="language", field=original_language()),
        migrations.AddField(
            model_name="historicalletter", name="language", field=original_language()
        ),
        migrations.AddField(model_name="agreement", name="language", field=original_language()),
        migrations.AddField(
            model_name="historicalagreement", name="language", field=original_language()
        ),
    ]
