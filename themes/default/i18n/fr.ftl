### Français : les mots du thème par défaut. Registre soutenu (vous) ;
### les personnes sont désignées sans marquer le genre, que le programme
### n'enregistre pas (« mentor ou mentore », « personne apprenante »).
### Espaces insécables avant les deux-points et dans les guillemets.

## Navigation et cadre de la page

nav-home = Accueil
nav-cohorts = Cohortes
nav-mentors = Mentorat
nav-calendar = Calendrier
nav-privacy = Confidentialité
nav-search = Recherche
nav-report = Rapport de vérification
nav-actions = Actions à mener
base-skip = Aller au contenu
base-nav-label = Menu principal
base-staff-banner = Vue de l'équipe : contient des données personnelles. Ne pas publier.

## Mots communs à plusieurs pages

common-breadcrumb = Fil d'Ariane
common-path = Parcours :
common-timezone = Fuseau horaire :
common-progress = Progression
common-col-when = Quand ({ $timezone })
common-col-what = Quoi
common-col-cohort = Cohorte
common-col-session = Séance
common-col-status = État
common-col-learners = Effectif
common-withheld = non publié
common-feed-address = adresse de l'agenda
common-chart-numbers = { $chart } : les chiffres
common-hours = environ { $hours } heures
common-whole-program = Tout le programme
common-local-time = { $time }, heure de { $place }
common-learner-status = { $status ->
    [active] en cours
    [paused] en pause
    [withdrawn] parcours interrompu
   *[graduated] parcours achevé
  }
common-cohort-state = { $state ->
    [starting-soon] bientôt
    [finished] terminée
   *[in-progress] en cours
  }
common-stage = { $stage ->
    [diagnosis] Diagnostic
    [foundations] Fondamentaux
    [practice] Pratique
    [feedback] Retours
   *[application] Mise en application
  }
common-pillar = { $pillar ->
    [formal-training] Formation
    [stretch-work] Mise en situation professionnelle
   *[reflective-coaching] Accompagnement réflexif
  }
common-tier = { $tier ->
    [office-hours] permanences
    [coaching] accompagnement individuel
    [async-review] relecture en différé
   *[group] séances de groupe
  }
common-session-kind = { $kind ->
    [one-to-one] individuelle
    [group] groupe
    [office-hours] permanence
    [midpoint] bilan à mi-parcours
    [mentor-circle] cercle de mentorat
   *[reflection] réflexion
  }
common-session-status = { $status ->
    [scheduled] prévue
    [held] tenue
    [cancelled] annulée
   *[no-show] absence
  }

## Page d'accueil

home-paths = Parcours d'apprentissage
home-path-meta = { $modules } modules · environ { $hours } heures
home-path-toward = objectif : { $outcome }
home-outcomes = La raison d'être du programme
home-upcoming = Prochaines séances
home-upcoming-caption = Prochaines séances de groupe, permanences et cercles de mentorat
home-nothing = Aucune séance de groupe n'est prévue après le { $today }.
home-subscribe = S'abonner au calendrier

## Un parcours

path-leads-to = Mène à : <strong>{ $outcome }</strong>
path-glance = Le parcours en un coup d'œil
path-map-caption = { $modules } modules en { $stages } étapes, environ { $hours } heures au total.
path-after = après
path-map-title = { $path } : les modules dans l'ordre, regroupés par étape
path-milestones = Jalons :
path-produce = Vous produirez :

## Un module

module-eyebrow = { $stage } · module { $number } sur { $count }
module-effort = Charge de travail :
module-pillar = Pilier :
module-before = Au préalable :
module-serves = Contribue à :
module-panel = Jalons et points de contrôle
module-milestones = Jalons
module-checkpoints = Points de contrôle
module-competence = compétence
module-artifact = Ce que vous produirez
module-reflect = Pour réfléchir
module-pager = Module précédent et suivant
module-updated = Dernière mise à jour : { $date }
module-updated-none = Dernière mise à jour : { $history ->
    [uncommitted] pas encore enregistrée dans git
   *[unknown] inconnue (le programme n'est pas dans un dépôt git)
  }

## Une cohorte
cohort-matches = <a href="{ $url }">Binômes suggérés</a> : un mentor ou une mentore pour chaque personne apprenante de cette cohorte qui en attend, avec les raisons.

cohort-dates = Dates :
cohort-facilitator = Animation :
cohort-as-of = Chiffres au { $today }.
cohort-compare = Comparer toutes les cohortes
cohort-figures-caption = Chiffres de la cohorte
cohort-key-figures = Chiffres clés
cohort-key-figures-caption = Chiffres clés de la progression de la cohorte
cohort-col-group = Groupe
cohort-members = Qui fait partie de cette cohorte
cohort-members-consent = Avec leur accord.
cohort-schedule = Programme des séances
cohort-schedule-caption = Séances de groupe et permanences de cette cohorte
cohort-no-schedule = Aucune séance de groupe n'est prévue pour cette cohorte.

## Cohortes comparées

cohorts-title = Cohortes comparées
cohorts-lead = Les mêmes chiffres pour chaque cohorte, côte à côte, au { $today }. Les séances sont mesurées par rapport à l'objectif du programme : { $target } % tenues chaque semaine.
cohorts-withheld = Les chiffres portant sur moins de { $min } personnes apprenantes ne sont pas publiés sur le site public.
cohorts-caption = Chiffres clés par cohorte

## Mentorat

mentors-lead = Les personnes qui consacrent leur temps à ce programme. Seules celles qui ont accepté d'y figurer apparaissent ici.
mentors-expertise = Domaines d'expertise
mentors-languages = Langues
mentors-offers = Propose
mentors-timezone = Fuseau horaire
mentors-none = Aucun mentor ni aucune mentore n'a encore choisi de publier son profil.

## Calendrier

calendar-title = Calendrier
calendar-lead = Séances de groupe, permanences et cercles de mentorat. Les heures sont données en { $timezone }, avec l'heure locale de la séance à côté lorsqu'elle diffère ; un agenda abonné les affiche dans la vôtre.
calendar-subscribe = S'abonner
calendar-add = ajouter à votre agenda
calendar-howto = Comment s'abonner
calendar-howto-google = <strong>Google Agenda</strong> : Autres agendas → À partir de l'URL, puis collez l'adresse de l'agenda.
calendar-howto-outlook = <strong>Outlook</strong> : Ajouter un calendrier → S'abonner à partir du web, puis collez l'adresse de l'agenda.
calendar-howto-apple = <strong>Calendrier d'Apple</strong> : Fichier → Nouvel abonnement à un calendrier, puis collez l'adresse de l'agenda.
calendar-refresh = Les agendas abonnés se mettent à jour d'eux-mêmes environ toutes les 12 heures.
calendar-upcoming = À venir
calendar-upcoming-caption = Prochaines séances
calendar-nothing = Rien n'est prévu après le { $today }.

## Confidentialité

privacy-lead = Ce que conserve { $site } sur les personnes qui y participent, pourquoi, et qui peut le consulter.
privacy-collected = Ce que nous recueillons
privacy-why = Pourquoi
privacy-who = Qui y a accès
privacy-retention = Combien de temps nous le conservons
privacy-consent = Votre consentement décide de ce qui est publié
privacy-consent-private = Tout ce qui concerne une personne apprenante reste privé, sauf accord de sa part.
privacy-consent-listed = Avec <em>liste de la cohorte</em>, votre nom figure dans la liste de votre cohorte.
privacy-consent-public = Avec <em>profil public</em>, votre nom et votre objectif peuvent apparaître sur ce site.
privacy-consent-withdraw = Vous pouvez retirer votre consentement à tout moment ; la publication suivante du site supprime ce que vous n'acceptez plus.
privacy-consent-groups = Aucun chiffre portant sur un groupe de moins de { $min } personnes n'est publié, afin qu'aucun graphique ni aucun nombre ne permette d'identifier quelqu'un.
privacy-consent-email = Les adresses électroniques ne sont jamais publiées.
privacy-contact = Consulter, rectifier ou effacer
privacy-contact-text = Écrivez à { $contact } pour consulter, rectifier ou effacer les données que nous détenons à votre sujet.


## Agendas abonnés : texte brut, pas de HTML

feed-program-title = { $site } : séances du programme
feed-program-description = Séances de groupe, permanences et cercles de mentorat du programme { $site }.
feed-cohort-title = { $site } : { $cohort }
feed-cohort-description = Séances de groupe et permanences de la cohorte { $cohort }.
feed-mentor-title = { $site } : séances avec { $mentor }
feed-mentor-description = Séances de groupe, permanences et cercles de mentorat avec { $mentor }.
feed-learner-title = { $site } : séances suivies par { $learner }
feed-learner-description = Toutes les séances suivies par { $learner } dans le programme { $site }.
feed-schedule-title = { $site } : séances animées par { $mentor }
feed-schedule-description = Toutes les séances animées par { $mentor } dans le programme { $site }, séances individuelles comprises.
feed-due-title = { $site } : échéances pour { $owner }
feed-due-description = Ce que doit faire { $owner } dans le programme { $site }, le jour de l'échéance ; les actions en retard restent au jour où elles étaient dues.
event-kind = { $kind ->
    [one-to-one] Séance individuelle
    [group] Séance de groupe
    [office-hours] Permanence
    [midpoint] Bilan à mi-parcours
    [mentor-circle] Cercle de mentorat
   *[reflection] Réflexion
  }
event-agenda = Ordre du jour :
event-agenda-step = { $step ->
    [check-in] Tour de table
    [open-questions] Questions ouvertes
    [practice] Mise en pratique
    [review] Retour sur les dernières actions
    [case] Étude de cas
    [core] Travail de fond
   *[next-step] Prochaine étape
  }
event-module = Module : { $module }
event-join = Rejoindre en ligne : { $link }

## Recherche et page introuvable

search-label = Rechercher dans les modules et les pages
search-button = Rechercher
search-noscript = La recherche nécessite JavaScript. Chaque module figure aussi sur son <a href="{ $root }">parcours d'apprentissage</a>.
# Pour le script de recherche : %n est le nombre de résultats, %q la requête.
search-found = Résultats pour « %q » : %n
search-none = Aucun résultat pour « %q »
notfound-title = Page introuvable
notfound-text = La page demandée n'est pas ici. Elle a peut-être été déplacée lors d'une modification du programme d'études.
notfound-links = <a href="{ $root }">Aller à la page d'accueil</a> ou <a href="{ $root }search/">rechercher sur le site</a>.

## Une personne apprenante (équipe, ou page personnelle)

learner-status = État :
learner-mentor = Mentor ou mentore :
learner-goal = Objectif :
learner-charter-with = Charte avec { $mentor }
learner-attention = Points d'attention
learner-no-session = Aucune séance suivie depuis { $days } jours (le seuil d'alerte du programme est de { $limit }).
learner-wishes = Préférences non satisfaites
learner-wishes-text = Préférences de mise en relation souples que le mentor ou la mentore actuels ne satisfont pas.
learner-pauses = Pauses
learner-pause = avec { $mentor }, à la demande { $by ->
    [learner] de la personne apprenante
    [mentor] du mentor ou de la mentore
   *[program] du programme
  }
learner-pause-reason = avec { $mentor }, à la demande { $by ->
    [learner] de la personne apprenante
    [mentor] du mentor ou de la mentore
   *[program] du programme
  } : { $reason }
learner-journey = Parcours individuel
learner-modules-caption = Modules commencés, avec leurs dates
learner-col-module = Module
learner-col-started = Commencé
learner-col-completed = Terminé
learner-col-artifact = Production
learner-col-confidence = Confiance
learner-no-modules = Aucun module commencé pour l'instant.
learner-sessions = Séances
learner-sessions-caption = Séances avec cette personne
learner-no-sessions = Aucune séance pour l'instant.
learner-feed = Vos séances dans votre application d'agenda : <a href="{ $webcal }">s'abonner</a> · <a href="{ $https }">adresse de l'agenda</a> (personnelle : ne la communiquez à personne).

## Rapport de vérification et actions (équipe)

report-lead = { $errors ->
    [one] { $errors } erreur
   *[other] { $errors } erreurs
  } et { $warnings ->
    [one] { $warnings } avertissement
   *[other] { $warnings } avertissements
  } au { $today }.
report-actions = <a href="{ $root }actions/">Actions à mener</a> indique qui doit faire quoi, et pour quand.
report-caption = Problèmes relevés par les vérifications
report-col-code = Code
report-col-where = Emplacement
report-col-help = Que faire
report-clean = Tout est en ordre.
report-learners = Personnes apprenantes
report-attention = point d'attention
actions-title = Actions à mener
actions-lead = Au { $today } : tout ce qui est en retard ou à échéance d'ici le { $horizon }, classé selon qui doit agir.
actions-count = { $total ->
    [one] { $total } action
   *[other] { $total } actions
  }, dont { $overdue } en retard.
actions-owner-count = { $count ->
    [one] { $count } action
   *[other] { $count } actions
  }
actions-caption = Ce que doit faire { $owner }, par ordre d'échéance
actions-col-what = Quoi
actions-col-who = Qui
actions-col-due = Échéance
actions-col-source = Où c'est écrit
actions-charter = charte
actions-feed = Ces échéances dans une application d'agenda : <a href="{ $webcal }">s'abonner</a> · <a href="{ $https }">adresse de l'agenda</a> (réservé à l'équipe : ne la communiquez à personne d'autre).
actions-none = Rien n'est en retard ni à échéance avant le { $after }.
actions-matches = mentors suggérés

## Binômes suggérés (équipe)

matches-heading = Binômes suggérés
matches-title = Binômes suggérés : { $cohort }
matches-lead = { $waiting ->
    [one] Au { $today }, 1 personne apprenante de { $cohort } attend un mentor ou une mentore à l'étape { $stage }
   *[other] Au { $today }, { $waiting } personnes apprenantes de { $cohort } attendent un mentor ou une mentore à l'étape { $stage }
  } ; { $suggested } avec une suggestion (score total { $total }).
matches-about = Les suggestions sont faites pour la cohorte dans son ensemble : autant de personnes associées que le permettent les règles et les places libres des mentors, avec le score total le plus élevé ; une personne peut donc se voir suggérer son deuxième choix pour qu'une autre soit aussi associée. Les places libres comptent les binômes de chaque mentor dans toutes les cohortes, mais seules les personnes de cette cohorte sont placées ici : la page d'une autre cohorte peut suggérer la même place. Le document <code>docs/matching.md</code> de telemachy explique le score et les règles.
matches-accept-heading = Les accepter
matches-accept-run = Relisez les suggestions, puis exécutez dans le dépôt du programme
matches-accept-what = La commande ajoute les binômes suggérés à <code>data/pairs.yaml</code>, chacun avec l'objectif de la personne apprenante comme première réponse de sa charte, puis vérifie le programme, qui indique ce qui manque encore à chaque nouvelle charte. Elle suggère à la date du jour où elle s'exécute : <code>{ $preview }</code> montre ce qu'elle ajouterait, sans rien écrire.
matches-since = En attente depuis le { $since }.
matches-unmatched = Aucune suggestion :
matches-role = { $role ->
    [suggested] Suggestion
   *[alternative] Autre choix
  }
matches-score = score { $score }
matches-parts-caption = Le score de { $mentor } pour { $learner }, élément par élément
matches-col-part = Élément
matches-col-points = Points
matches-col-why = Pourquoi
matches-points = { $points } sur { $of }
matches-part = { $part ->
    [goal] Objectif
    [path] Parcours
    [weakest_skills] Compétences les plus faibles
    [expertise] Expertise souhaitée
    [language] Langue
    [waking_overlap] Heures de veille communes
    [timezone_window] Écart de fuseau horaire
    [mode] Mode de rencontre
   *[other] { $part }
  }
matches-kept-heading = Écartés par une règle
matches-kept-caption = Mentors qu'une règle écarte pour { $learner }
matches-col-mentor = Mentor
matches-col-rule = Règle
matches-rule = { $rule ->
    [capacity] Aucune place libre
    [earlier_pair] Binôme antérieur
    [hard_preference] Préférence impérative
   *[other] { $rule }
  }
matches-nobody = Au { $today }, personne de { $cohort } n'attend de mentor à l'étape { $stage }.

## La charte d'engagement : un document que les deux parties signent

charter-title = Charte de mentorat
charter-eyebrow = { $site } · charte de mentorat
charter-heading = Notre charte de mentorat
charter-parties = { $mentor } et { $learner }, à compter du { $start }
charter-parties-until = { $mentor } et { $learner }, du { $start } au { $end }
charter-print-hint = Pour en conserver un exemplaire papier, utilisez la commande Imprimer de votre navigateur (Ctrl+P ou ⌘P) et choisissez « Enregistrer au format PDF » ou une imprimante. La page est mise en forme pour le format { $paper }.
charter-goals = 1. Ce que souhaite accomplir { $learner }
charter-offer = 2. Ce que peut apporter { $mentor }
charter-limits = Les limites dont nous convenons
charter-how = 3. Notre façon de travailler
charter-cadence = Fréquence de nos rencontres
charter-modes = Modalités de nos rencontres
charter-channels = Entre les rencontres
charter-response = Délai de réponse
charter-rescheduling = S'il faut déplacer une rencontre
charter-notice-hours = Nous prévenons au moins { $hours ->
    [one] { $hours } heure
   *[other] { $hours } heures
  } à l'avance.
charter-notice-days = Nous prévenons au moins { $days ->
    [one] { $days } jour
   *[other] { $days } jours
  } à l'avance.
charter-success = 4. Comment nous saurons que cela a fonctionné
charter-outcomes = Cette charte sert les objectifs du programme : { $outcomes }.
charter-phases = 5. Nos étapes
charter-col-phase = Étape
charter-col-dates = Dates
charter-col-purpose = À quoi elle sert
charter-phase-name = { $phase ->
    [initial] Lancement
    [working] Travail
   *[transition] Transition
  }
charter-phase-purpose = { $phase ->
    [initial] Faire connaissance, convenir de cette charte et des premiers objectifs.
    [working] L'essentiel du travail : rencontres régulières, mise en pratique et retours en vue des objectifs ci-dessus.
   *[transition] Faire le bilan de ce qui a changé, préparer la suite et bien conclure.
  }
charter-midpoint = Bilan à mi-parcours :
charter-midpoint-date = { $date }.
charter-midpoint-facilitated = { $date }, animé par { $facilitator }.
charter-midpoint-review = Nous relisons ensemble cette charte et modifions ce qui ne convient plus.
charter-paused = Pause :
charter-pause = { $dates }, à la demande { $by ->
    [learner] de la personne apprenante
    [mentor] du mentor ou de la mentore
   *[program] du programme
  }
charter-pause-reason = { $dates }, à la demande { $by ->
    [learner] de la personne apprenante
    [mentor] du mentor ou de la mentore
   *[program] du programme
  } ({ $reason })
charter-paused-rule = Pendant une pause, nous ne nous rencontrons pas, et les jours de pause ne sont comptés au détriment d'aucune des deux parties.
charter-questions = 6. Comment nous commençons chaque rencontre
charter-ending = 7. Si cela ne fonctionne pas
charter-ending-text = Chacune des deux parties peut mettre fin à cette relation de mentorat ou demander une autre mise en relation, à tout moment et sans avoir à se justifier. Cela fait partie du mentorat et n'a rien d'un échec : il suffit d'en informer { $contact }, qui organisera une nouvelle mise en relation ou un entretien de clôture. Personne ne demandera à l'une ou l'autre partie de s'en expliquer, et cela n'a aucune incidence sur la place de la personne apprenante dans le programme.
charter-data = 8. Ce que le programme conserve à notre sujet
charter-data-questions = Pour toute question : { $contact }.
charter-hopes = 9. Ce qu'espère apprendre { $mentor }
charter-agreed = 10. Engagement
charter-agreed-text = Nous avons lu ensemble cette charte et l'acceptons.
charter-agreed-on = Nous avons lu ensemble cette charte et l'acceptons (acceptée le { $date }).
charter-signature = Signature :
charter-date = Date :
charter-signer-learner = { $name } (apprenant ou apprenante)
charter-signer-mentor = { $name } (mentor ou mentore)
