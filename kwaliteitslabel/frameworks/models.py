"""The norm frameworks (normenkaders) and what belongs to them.

Texts are data shipped in data/*.yaml and loaded by `load_frameworks`;
nothing here is edited by hand in production.
"""

import re

from django.db import models

NORM_CODE = re.compile(r"^(?P<rubric>[VDO])(?P<number>[1-9][0-9]?)$")


class Framework(models.Model):
    class Status(models.TextChoices):
        CONCEPT = "concept", "concept"
        IN_FORCE = "in_force", "van kracht"
        WITHDRAWN = "withdrawn", "ingetrokken"

    version = models.SlugField(max_length=20, unique=True)
    title = models.CharField(max_length=200)
    edition = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    source = models.TextField()
    # Weighting of findings (DOMAIN.md "Verdicts and weighting"); null for a concept without them.
    max_not_met = models.PositiveSmallIntegerField(null=True, blank=True)
    max_partly = models.PositiveSmallIntegerField(null=True, blank=True)
    thresholds_source = models.TextField(blank=True)
    professional_profiles_note = models.TextField(blank=True)
    sources_used = models.JSONField(default=list, blank=True)
    # Where the guidance comes from: [{"source": ..., "introduction": ...}] (Bijlagen 3 and 4).
    guidance_sources = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["version"]

    def __str__(self):
        return f"Normenkader {self.version}"

    @property
    def has_thresholds(self) -> bool:
        return self.max_not_met is not None and self.max_partly is not None


class Rubric(models.Model):
    class Code(models.TextChoices):
        V = "V", "Vakmanschap"
        D = "D", "Dienstverlening"
        O = "O", "Organisatie en bestuur"  # noqa: E741 (the rubric letter)

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="rubrics")
    code = models.CharField(max_length=1, choices=Code.choices)
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=100)
    heading = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_rubric_code"),
        ]

    def __str__(self):
        return f"{self.framework.version} {self.name}"


class Norm(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="norms")
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="norms")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    footnote = models.TextField(blank=True)
    # Guidance (2019): Bijlage 3 examples, Bijlage 4 auditor questions and evidence.
    examples = models.TextField(blank=True)
    questions = models.JSONField(default=list, blank=True)
    evidence_examples = models.JSONField(default=list, blank=True)
    # Transcription notes: where the data file made a choice between sources.
    notes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["framework", "rubric__position", "number"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "number"], name="unique_norm_number"),
        ]

    def __str__(self):
        return f"{self.framework.version}/{self.code}"

    @property
    def code(self) -> str:
        """Short code as on paper: V12."""
        return f"{self.rubric.code}{self.number}"

    @property
    def label(self) -> str:
        """Long code as on paper: Vakmanschap 12."""
        return f"{self.rubric.name} {self.number}"


class Term(models.Model):
    """Terminology of a framework version (Bijlage 2), with its place in the FTE count."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="terms")
    position = models.PositiveSmallIntegerField()
    term = models.CharField(max_length=100)
    definition = models.TextField()
    # True: counts in the scope (FTE); False: does not; None: not about the scope.
    counts_in_scope = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["framework", "position"]

    def __str__(self):
        return self.term


class BranchCode(models.Model):
    """The branch code of social work (Bijlage 1): the quality values the norms derive from."""

    title = models.CharField(max_length=200)
    subtitle = models.CharField(max_length=300, blank=True)
    source = models.TextField()

    def __str__(self):
        return self.title


class BranchValue(models.Model):
    branch_code = models.ForeignKey(BranchCode, on_delete=models.CASCADE, related_name="values")
    rubric = models.CharField(max_length=1, choices=Rubric.Code.choices)
    group_name = models.CharField(max_length=100)
    number = models.PositiveSmallIntegerField()
    position = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["branch_code", "position"]

    def __str__(self):
        return f"{self.group_name} {self.number}"


class Crosswalk(models.Model):
    """A comparison of one framework version with an external standard (seed 000: ISO 9001)."""

    slug = models.SlugField(max_length=50)
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="crosswalks")
    standard = models.CharField(max_length=100)
    title = models.CharField(max_length=200)
    source = models.TextField()
    introduction = models.TextField(blank=True)
    conclusions = models.JSONField(default=dict, blank=True)
    expected_branch_specific = models.JSONField(default=dict, blank=True)
    classification_notes = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["framework", "slug"], name="unique_crosswalk"),
        ]

    def __str__(self):
        return self.title


class Clause(models.Model):
    """A clause of an external standard, e.g. ISO 9001:2015 7.2 Competenties."""

    standard = models.CharField(max_length=100)
    number = models.CharField(max_length=20)
    title = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["standard", "number"], name="unique_clause"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"


class CrosswalkEntry(models.Model):
    class BranchSpecific(models.TextChoices):
        WHOLLY = "wholly", "geheel branchespecifiek"
        PARTLY = "partly", "deels branchespecifiek"
        NO = "no", "niet branchespecifiek"

    crosswalk = models.ForeignKey(Crosswalk, on_delete=models.CASCADE, related_name="entries")
    norm = models.ForeignKey(Norm, on_delete=models.CASCADE, related_name="crosswalk_entries")
    clauses = models.ManyToManyField(Clause, blank=True, related_name="entries")
    branch_specific = models.CharField(max_length=10, choices=BranchSpecific.choices)
    comparison = models.TextField()

    class Meta:
        ordering = ["crosswalk", "norm__rubric__position", "norm__number"]
        constraints = [
            models.UniqueConstraint(fields=["crosswalk", "norm"], name="unique_crosswalk_norm"),
        ]

    def __str__(self):
        return f"{self.crosswalk.slug} {self.norm}"


class Correspondence(models.Model):
    """Which norms of a later version continue a norm of an earlier one (curated)."""

    earlier = models.OneToOneField(Norm, on_delete=models.CASCADE, related_name="successor_link")
    later = models.ManyToManyField(Norm, blank=True, related_name="predecessor_links")
    note = models.TextField(blank=True)

    def __str__(self):
        return f"{self.earlier} →"


class DataSet(models.Model):
    """Fingerprint of a loaded data file, so that loading twice changes nothing."""

    name = models.CharField(max_length=100, unique=True)
    sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.name
