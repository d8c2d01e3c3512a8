"""Agreements and their life: versions with texts per language, signatures, amendments and
approvals, written termination notices, and the register of official letters.

Where an agreement stands (in force, ended, superseded) is derived from these records by
`Agreement.state()`; the modules in `services/` are the only writers and keep the rules.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from pobratym.core.fingerprints import fingerprint
from pobratym.core.idempotency import CreatedOnce
from pobratym.core.models import BaseModel, Revised
from pobratym.partnerships.models import Partnership, Side
from pobratym.translation.models import Translatable

LANGUAGE_CHOICES = settings.LANGUAGES


def fingerprint_of(texts) -> str:
    """SHA-256 over the texts (language, title, body), independent of their order."""
    return fingerprint(sorted([text.language, text.title, text.body] for text in texts))


class AgreementKind(models.TextChoices):
    SOLIDARITY = "solidarity", _("solidarity partnership")
    TWINNING = "twinning", _("twinning agreement")
    MEMORANDUM = "memorandum", _("memorandum")
    AMENDMENT = "amendment", _("amending agreement")


class EndReason(models.TextChoices):
    TERM = "term", _("its term ran out")
    NOTICE = "notice", _("written termination")
    SUPERSEDED = "superseded", _("superseded by its successor")


class AgreementState(models.TextChoices):
    DRAFT = "draft", _("draft")
    PROPOSED = "proposed", _("proposed for signature")
    PARTLY_SIGNED = "partly_signed", _("signed by one side")
    SIGNED = "signed", _("signed, not yet in force")
    IN_FORCE = "in_force", _("in force")
    NOTICE_GIVEN = "notice_given", _("in force, terminated")
    ENDED = "ended", pgettext_lazy("agreement", "ended")
    SUPERSEDED = "superseded", _("superseded")


class Agreement(Revised, CreatedOnce, Translatable, BaseModel):
    """An agreement between the two cities. Its title and free-text terms are written in one
    language and read in each (decision 0013); its text is written per language in versions."""

    translatable_fields = ("title", "governing_law", "notice_rules")
    translate_permission = "agreements.translate_agreement"

    Kind = AgreementKind
    State = AgreementState

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="agreements",
        verbose_name=_("partnership"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices)
    title = models.CharField(_("title"), max_length=300)
    authoritative_language = models.CharField(
        _("authoritative language"),
        max_length=8,
        choices=LANGUAGE_CHOICES,
        blank=True,
        help_text=_("Leave empty when all language versions are equally authoritative."),
    )
    legally_binding = models.BooleanField(_("legally binding"), default=False)
    governing_law = models.CharField(_("governing law"), max_length=300, blank=True)
    term_end = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_("Leave empty for an indefinite term."),
    )
    effective_from = models.DateField(
        _("in force from (if later than the second signature)"), null=True, blank=True
    )
    notice_rules = models.TextField(_("notice rules"), blank=True)
    notice_period_days = models.PositiveIntegerField(
        _("notice period in days"), null=True, blank=True
    )
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("succeeds"),
    )
    due_on = models.DateField(
        _("to be concluded by"),
        null=True,
        blank=True,
        help_text=_("A milestone shown on the dashboard until the agreement is in force."),
    )
    # Set by services when the second side signs, and when it ends; never typed in.
    in_force_from = models.DateField(_("in force from"), null=True, blank=True, editable=False)
    ends_on = models.DateField(_("no longer in force from"), null=True, blank=True, editable=False)
    end_reason = models.CharField(
        _("why it ended"), max_length=20, choices=EndReason.choices, blank=True, editable=False
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["partnership", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AgreementKind.values), name="agreement_kind"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("pk")), name="agreement_not_own_predecessor"
            ),
            models.UniqueConstraint(
                fields=["partnership", "idempotency_key"], name="agreement_created_once_per_key"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def state(self, today: date | None = None) -> AgreementState:
        """Where the agreement stands on `today`. Selectors annotate `signature_count` and
        `proposed_count` for lists; a single agreement counts them itself."""
        today = today or timezone.localdate()
        if self.ends_on is not None and self.ends_on <= today:
            if self.end_reason == EndReason.SUPERSEDED:
                return AgreementState.SUPERSEDED
            return AgreementState.ENDED
        if self.in_force_from is not None:
            if self.in_force_from > today:
                return AgreementState.SIGNED
            if self.end_reason == EndReason.NOTICE:
                return AgreementState.NOTICE_GIVEN
            return AgreementState.IN_FORCE
        signature_count = getattr(self, "signature_count", None)
        if signature_count is None:
            signature_count = self.signatures.count()
        if signature_count:
            return AgreementState.PARTLY_SIGNED
        proposed_count = getattr(self, "proposed_count", None)
        if proposed_count is None:
            proposed_count = self.versions.filter(proposed_at__isnull=False).count()
        return AgreementState.PROPOSED if proposed_count else AgreementState.DRAFT

    def is_ended(self, today: date | None = None) -> bool:
        return self.ends_on is not None and self.ends_on <= (today or timezone.localdate())

    def translation_parts(self) -> list:
        """What the sides wrote about it, translated with it: notes on its versions, reasons
        given for amendments and for a notice of termination, signers' places and offices."""
        parts = [v for v in self.versions.order_by("number") if v.note]
        parts += [a for a in self.amendments.order_by("number") if a.reason]
        parts += list(self.signatures.order_by("pk"))
        return parts + [n for n in Notice.objects.filter(agreement=self) if n.reason]


class TextBase(BaseModel):
    """The title and body of a document in one language."""

    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"))

    class Meta:
        abstract = True
        ordering = ["language"]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class Version(Revised, Translatable, BaseModel):
    """A numbered version of an agreement's text: editable as a draft, frozen once proposed."""

    translatable_fields = ("note",)
    translate_permission = "agreements.translate_agreement"

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="versions", verbose_name=_("agreement")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    note = models.CharField(_("note on this version"), max_length=300, blank=True)
    proposed_at = models.DateTimeField(_("proposed"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_by_side = models.ForeignKey(
        Side, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fingerprint = models.CharField(_("fingerprint (SHA-256)"), max_length=64, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="version_number_once"),
            models.CheckConstraint(
                condition=Q(proposed_at__isnull=True, fingerprint="")
                | Q(proposed_at__isnull=False) & ~Q(fingerprint=""),
                name="version_frozen_has_fingerprint",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} – {_('version')} {self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.proposed_at is not None

    @property
    def partnership_id(self) -> int:
        return self.agreement.partnership_id

    def translation_owner(self):
        return self.agreement


class VersionText(TextBase):
    version = models.ForeignKey(
        Version, on_delete=models.CASCADE, related_name="texts", verbose_name=_("version")
    )
    history = HistoricalRecords()

    class Meta(TextBase.Meta):
        verbose_name = _("text")
        verbose_name_plural = _("texts")
        constraints = [
            models.UniqueConstraint(fields=["version", "language"], name="version_text_once"),
        ]


class SideAct(BaseModel):
    """Something one side did in writing: dated, recorded by a person, with a scan."""

    side = models.ForeignKey(
        Side, on_delete=models.PROTECT, related_name="+", verbose_name=_("side")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        abstract = True


class Signature(Translatable, SideAct):
    """One side's signature under one exact version."""

    translatable_fields = ("place", "signer_title")
    translate_permission = "agreements.translate_agreement"

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("agreement")
    )
    version = models.ForeignKey(
        Version, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("version")
    )
    fingerprint = models.CharField(_("fingerprint (SHA-256)"), max_length=64)
    signed_on = models.DateField(_("date of signature"))
    place = models.CharField(_("place"), max_length=200)
    signer_name = models.CharField(_("signed by (name)"), max_length=200)
    signer_title = models.CharField(_("title or office"), max_length=200)
    scan = models.FileField(_("scan"), upload_to="agreements/signatures/", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["agreement", "signed_on", "side__position"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "side"], name="signature_once_per_side"),
        ]

    def __str__(self) -> str:
        return f"{self.signer_name}, {self.signed_on}"

    def translation_owner(self):
        return self.agreement


class AmendmentStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("amendment", "proposed")
    IN_FORCE = "in_force", pgettext_lazy("amendment", "in force")
    REJECTED = "rejected", pgettext_lazy("amendment", "rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy("amendment", "withdrawn")


class Amendment(Translatable, BaseModel):
    """A change to an agreement, proposed by one side with its text per language; in force only
    once both sides' signatories have approved that exact text."""

    translatable_fields = ("reason",)
    translate_permission = "agreements.translate_agreement"

    Status = AmendmentStatus

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="amendments", verbose_name=_("agreement")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    status = models.CharField(
        _("status"), max_length=20, choices=AmendmentStatus.choices, default="proposed"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_by_side = models.ForeignKey(
        Side, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by side")
    )
    fingerprint = models.CharField(_("fingerprint (SHA-256)"), max_length=64)
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="amendment_number_once"),
            models.CheckConstraint(
                condition=Q(status__in=AmendmentStatus.values), name="amendment_status"
            ),
            models.CheckConstraint(
                condition=Q(status="in_force", in_force_from__isnull=False)
                | ~Q(status="in_force") & Q(in_force_from__isnull=True),
                name="amendment_in_force_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Amendment')} {self.number}"

    @property
    def partnership_id(self) -> int:
        return self.agreement.partnership_id

    def translation_owner(self):
        return self.agreement


class AmendmentText(TextBase):
    amendment = models.ForeignKey(
        Amendment, on_delete=models.CASCADE, related_name="texts", verbose_name=_("amendment")
    )
    history = HistoricalRecords()

    class Meta(TextBase.Meta):
        verbose_name = _("text")
        verbose_name_plural = _("texts")
        constraints = [
            models.UniqueConstraint(fields=["amendment", "language"], name="amendment_text_once"),
        ]


class ApprovalMethod(models.TextChoices):
    WRITTEN = "written", _("in writing (scan of the signed approval)")
    PLATFORM = "platform", _("in the platform, by a signatory with two-factor login")


class Approval(SideAct):
    """One side's written approval of one exact amendment text."""

    Method = ApprovalMethod

    amendment = models.ForeignKey(
        Amendment, on_delete=models.CASCADE, related_name="approvals", verbose_name=_("amendment")
    )
    fingerprint = models.CharField(_("fingerprint (SHA-256)"), max_length=64)
    method = models.CharField(_("form of approval"), max_length=20, choices=ApprovalMethod.choices)
    approved_on = models.DateField(_("date of approval"))
    scan = models.FileField(_("scan"), upload_to="agreements/approvals/", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        ordering = ["amendment", "approved_on"]
        constraints = [
            models.UniqueConstraint(fields=["amendment", "side"], name="approval_once_per_side"),
            models.CheckConstraint(
                condition=Q(method__in=ApprovalMethod.values), name="approval_method"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.side}: {self.approved_on}"


class Notice(Translatable, SideAct):
    """One side's written notice of termination; the agreement ends on the effective date."""

    translatable_fields = ("reason",)
    translate_permission = "agreements.translate_agreement"

    agreement = models.OneToOneField(
        Agreement, on_delete=models.CASCADE, related_name="notice", verbose_name=_("agreement")
    )
    letter_date = models.DateField(_("date of the letter"))
    effective_on = models.DateField(_("ends on"))
    reason = models.TextField(_("reason"), blank=True)
    scan = models.FileField(_("scan"), upload_to="agreements/notices/", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("termination notice")
        verbose_name_plural = _("termination notices")
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_on__gte=models.F("letter_date")),
                name="notice_effective_after_letter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.side}: {self.letter_date}"

    def translation_owner(self):
        return self.agreement


class LetterDirection(models.TextChoices):
    INCOMING = "incoming", pgettext_lazy("letter", "incoming")
    OUTGOING = "outgoing", pgettext_lazy("letter", "outgoing")


class Letter(Revised, Translatable, BaseModel):
    """An official letter in one side's register, as that office registered it.

    `letter_language` is the language the letter itself is written in; `language` (from
    Translatable) is the one its office wrote the subject and summary in, often another: a
    Ukrainian letter registered in Dortmund under a German subject."""

    translatable_fields = ("subject", "summary")
    translate_permission = "agreements.translate_letter"

    Direction = LetterDirection

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="letters", verbose_name=_("partnership")
    )
    side = models.ForeignKey(
        Side, on_delete=models.PROTECT, related_name="letters", verbose_name=_("registered by")
    )
    direction = models.CharField(_("direction"), max_length=10, choices=LetterDirection.choices)
    registration_number = models.CharField(_("registration number"), max_length=60)
    registered_at = models.DateTimeField(_("registered"))
    file_index = models.CharField(_("file index"), max_length=60, blank=True)
    sender = models.CharField(_("sender"), max_length=300)
    addressee = models.CharField(_("addressee"), max_length=300)
    subject = models.CharField(_("subject"), max_length=300)
    letter_language = models.CharField(
        _("language of the letter"), max_length=8, choices=LANGUAGE_CHOICES
    )
    summary = models.TextField(_("summary"), blank=True)
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("agreement"),
    )
    amendment = models.ForeignKey(
        Amendment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("amendment"),
    )
    notice = models.ForeignKey(
        Notice,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("termination notice"),
    )
    in_reply_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-registered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["side", "direction", "registration_number"],
                name="letter_number_once_per_register",
            ),
            models.CheckConstraint(
                condition=Q(direction__in=LetterDirection.values), name="letter_direction"
            ),
        ]
        indexes = [models.Index(fields=["partnership", "registered_at"])]

    def __str__(self) -> str:
        return f"{self.registration_number} – {self.subject}"


class LetterScan(BaseModel):
    letter = models.ForeignKey(
        Letter, on_delete=models.CASCADE, related_name="scans", verbose_name=_("letter")
    )
    file = models.FileField(_("scan"), upload_to="agreements/letters/")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        ordering = ["letter", "created_at"]

    def __str__(self) -> str:
        return self.file.name


# The terms of an agreement people may edit until it is signed.
TERMS = [
    "authoritative_language",
    "legally_binding",
    "governing_law",
    "term_end",
    "effective_from",
    "notice_rules",
    "notice_period_days",
    "due_on",
]
