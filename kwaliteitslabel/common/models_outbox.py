from django.db import models


class OutboxMessage(models.Model):
    sender = models.CharField(max_length=300)
    to = models.TextField()
    cc = models.TextField(blank=True)  # e.g. part A to the secretariat, advisers in copy
    subject = models.CharField(max_length=300)
    body = models.TextField()
    html = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "uitgaand bericht"
        verbose_name_plural = "uitgaande berichten"

    def __str__(self):
        return f"{self.subject} → {self.to}" + (f" (cc {self.cc})" if self.cc else "")
