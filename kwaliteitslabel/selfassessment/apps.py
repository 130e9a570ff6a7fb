from django.apps import AppConfig


class SelfAssessmentConfig(AppConfig):
    name = "kwaliteitslabel.selfassessment"
    label = "selfassessment"
    verbose_name = "Zelfevaluatie"
