### Español: las palabras del tema por defecto. Registro formal (usted);
### las personas se nombran con formas que no marcan el género
### («aprendiz», «persona mentora»), porque el programa no lo registra.

## Navegación y marco de la página

nav-home = Inicio
nav-cohorts = Cohortes
nav-mentors = Mentores
nav-calendar = Calendario
nav-privacy = Privacidad
nav-search = Buscar
nav-report = Informe de comprobación
nav-actions = Acciones
base-skip = Saltar al contenido
base-nav-label = Principal
base-staff-banner = Vista del equipo: contiene datos personales. No la publique.

## Palabras comunes a varias páginas

common-breadcrumb = Ruta de navegación
common-path = Itinerario:
common-timezone = Zona horaria:
common-progress = Progreso
common-col-when = Cuándo ({ $timezone })
common-col-what = Qué
common-col-cohort = Cohorte
common-col-session = Sesión
common-col-status = Estado
common-col-learners = Aprendices
common-withheld = no publicado
common-feed-address = dirección del calendario
common-chart-numbers = { $chart }: las cifras
common-hours = unas { $hours } horas
common-whole-program = Todo el programa
common-local-time = { $time }, hora de { $place }
common-learner-status = { $status ->
    [active] en curso
    [paused] en pausa
    [withdrawn] baja
   *[graduated] programa completado
  }
common-cohort-state = { $state ->
    [starting-soon] comienza pronto
    [finished] finalizada
   *[in-progress] en curso
  }
common-stage = { $stage ->
    [diagnosis] Diagnóstico
    [foundations] Fundamentos
    [practice] Práctica
    [feedback] Retroalimentación
   *[application] Aplicación
  }
common-pillar = { $pillar ->
    [formal-training] Formación reglada
    [stretch-work] Retos en el puesto de trabajo
   *[reflective-coaching] Acompañamiento reflexivo
  }
common-tier = { $tier ->
    [office-hours] horas de consulta
    [coaching] acompañamiento individual
    [async-review] revisión asíncrona
   *[group] sesiones de grupo
  }
common-session-kind = { $kind ->
    [one-to-one] individual
    [group] grupo
    [office-hours] horas de consulta
    [midpoint] revisión intermedia
    [mentor-circle] círculo de mentores
   *[reflection] reflexión
  }
common-session-status = { $status ->
    [scheduled] programada
    [held] celebrada
    [cancelled] cancelada
   *[no-show] inasistencia
  }

## Página de inicio

home-paths = Itinerarios de aprendizaje
home-path-meta = { $modules } módulos · unas { $hours } horas
home-path-toward = hacia: { $outcome }
home-outcomes = Para qué existe el programa
home-upcoming = Próximas sesiones
home-upcoming-caption = Próximas sesiones de grupo, horas de consulta y círculos de mentores
home-nothing = No hay sesiones de grupo programadas después del { $today }.
home-subscribe = Suscribirse al calendario

## Un itinerario

path-leads-to = Conduce a: <strong>{ $outcome }</strong>
path-glance = El itinerario de un vistazo
path-map-caption = { $modules } módulos en { $stages } etapas, unas { $hours } horas en total.
path-after = después de
path-map-title = { $path }: los módulos en orden, agrupados por etapa
path-milestones = Hitos:
path-produce = Usted producirá:

## Un módulo

module-eyebrow = { $stage } · módulo { $number } de { $count }
module-effort = Dedicación:
module-pillar = Pilar:
module-before = Antes de este:
module-serves = Contribuye a:
module-panel = Hitos y puntos de control
module-milestones = Hitos
module-checkpoints = Puntos de control
module-competence = competencia
module-artifact = Lo que usted producirá
module-reflect = Para reflexionar
module-pager = Módulo anterior y siguiente
module-updated = Última actualización: { $date }
module-updated-none = Última actualización: { $history ->
    [uncommitted] aún sin registrar en git
   *[unknown] desconocida (el programa no está en un repositorio git)
  }

## Una cohorte
cohort-matches = <a href="{ $url }">Emparejamientos sugeridos</a>: una persona mentora para cada aprendiz de esta cohorte que espera una, con las razones.

cohort-dates = Fechas:
cohort-facilitator = Facilitación:
cohort-as-of = Cifras a fecha de { $today }.
cohort-compare = Comparar todas las cohortes
cohort-figures-caption = Cifras de la cohorte
cohort-key-figures = Cifras clave
cohort-key-figures-caption = Cifras clave del progreso de la cohorte
cohort-col-group = Grupo
cohort-members = Quién forma parte de esta cohorte
cohort-members-consent = Con su consentimiento.
cohort-schedule = Calendario de sesiones
cohort-schedule-caption = Sesiones de grupo y horas de consulta de esta cohorte
cohort-no-schedule = No hay sesiones de grupo programadas para esta cohorte.

## Cohortes comparadas

cohorts-title = Cohortes comparadas
cohorts-lead = Las mismas cifras para cada cohorte, una junto a otra, a fecha de { $today }. Las sesiones se miden con respecto al objetivo del programa: { $target } % celebradas cada semana.
cohorts-withheld = Las cifras sobre menos de { $min } aprendices no se publican en el sitio público.
cohorts-caption = Cifras clave por cohorte

## Mentores

mentors-lead = Las personas que dedican su tiempo a este programa. Solo aparecen aquí quienes han aceptado figurar.
mentors-expertise = Especialidad
mentors-languages = Idiomas
mentors-offers = Ofrece
mentors-timezone = Zona horaria
mentors-none = Todavía ninguna persona mentora ha decidido publicar su perfil.

## Calendario

calendar-title = Calendario
calendar-lead = Sesiones de grupo, horas de consulta y círculos de mentores. Las horas se indican en { $timezone }, con la hora local de la sesión al lado cuando es distinta; un calendario suscrito las muestra en la suya.
calendar-subscribe = Suscribirse
calendar-add = añadir a su calendario
calendar-howto = Cómo suscribirse
calendar-howto-google = <strong>Google Calendar</strong>: Otros calendarios → Desde URL y, a continuación, pegue la dirección del calendario.
calendar-howto-outlook = <strong>Outlook</strong>: Agregar calendario → Suscribirse desde la web y, a continuación, pegue la dirección del calendario.
calendar-howto-apple = <strong>Calendario de Apple</strong>: Archivo → Nueva suscripción a calendario y, a continuación, pegue la dirección del calendario.
calendar-refresh = Los calendarios suscritos se actualizan solos aproximadamente cada 12 horas.
calendar-upcoming = Próximamente
calendar-upcoming-caption = Próximas sesiones
calendar-nothing = No hay nada programado después del { $today }.

## Privacidad

privacy-lead = Qué guarda { $site } sobre las personas que participan, con qué fin y quién puede verlo.
privacy-collected = Qué recogemos
privacy-why = Con qué fin
privacy-who = Quién lo ve
privacy-retention = Cuánto tiempo lo conservamos
privacy-consent = Su consentimiento decide lo que se publica
privacy-consent-private = Todo lo relativo a cada aprendiz es privado salvo que dé su acuerdo.
privacy-consent-listed = Con <em>figurar en la cohorte</em>, su nombre aparece en la lista de su cohorte.
privacy-consent-public = Con <em>perfil público</em>, su nombre y su objetivo pueden aparecer en este sitio.
privacy-consent-withdraw = Puede retirar su consentimiento en cualquier momento; la siguiente publicación del sitio elimina aquello con lo que ya no esté de acuerdo.
privacy-consent-groups = Nunca se publican cifras sobre un grupo de menos de { $min } personas, de modo que ningún gráfico ni número permita identificar a nadie.
privacy-consent-email = Las direcciones de correo electrónico nunca se publican.
privacy-contact = Consultar, corregir o suprimir
privacy-contact-text = Escriba a { $contact } para consultar, corregir o suprimir los datos que conservamos sobre usted.

## Calendarios suscritos: texto sin formato, no HTML

feed-program-title = { $site }: sesiones del programa
feed-program-description = Sesiones de grupo, horas de consulta y círculos de mentores de { $site }.
feed-cohort-title = { $site }: { $cohort }
feed-cohort-description = Sesiones de grupo y horas de consulta de { $cohort }.
feed-mentor-title = { $site }: sesiones con { $mentor }
feed-mentor-description = Sesiones de grupo, horas de consulta y círculos de mentores con { $mentor }.
feed-learner-title = { $site }: sesiones de { $learner }
feed-learner-description = Todas las sesiones de { $learner } en { $site }.
feed-schedule-title = { $site }: agenda de { $mentor }
feed-schedule-description = Todas las sesiones que dirige { $mentor } en { $site }, incluidas las individuales.
feed-due-title = { $site }: vencimientos de { $owner }
feed-due-description = Lo que debe hacer { $owner } en { $site }, el día en que vence; las acciones vencidas permanecen en el día en que vencían.
event-kind = { $kind ->
    [one-to-one] Sesión individual
    [group] Sesión de grupo
    [office-hours] Horas de consulta
    [midpoint] Revisión intermedia
    [mentor-circle] Círculo de mentores
   *[reflection] Reflexión
  }
event-agenda = Orden del día:
event-agenda-step = { $step ->
    [check-in] Ronda inicial
    [open-questions] Preguntas abiertas
    [practice] Práctica
    [review] Repaso de las últimas tareas
    [case] Análisis de un caso
    [core] Trabajo principal
   *[next-step] Siguiente paso
  }
event-module = Módulo: { $module }
event-join = Conectarse en línea: { $link }

## Búsqueda y página no encontrada

search-label = Buscar en módulos y páginas
search-button = Buscar
search-noscript = La búsqueda necesita JavaScript. Todos los módulos figuran también en su <a href="{ $root }">itinerario de aprendizaje</a>.
# Para el script de búsqueda: %n es el número de resultados, %q la consulta.
search-found = Resultados para «%q»: %n
search-none = No se ha encontrado nada para «%q»
notfound-title = Página no encontrada
notfound-text = La página que busca no está aquí. Es posible que se haya movido al cambiar el plan de estudios.
notfound-links = <a href="{ $root }">Ir a la página de inicio</a> o <a href="{ $root }search/">buscar en el sitio</a>.

## Un aprendiz (equipo, o página personal)

learner-status = Estado:
learner-mentor = Persona mentora:
learner-goal = Objetivo:
learner-charter-with = Acuerdo con { $mentor }
learner-attention = Requiere atención
learner-no-session = Ninguna sesión con asistencia en { $days } días (el aviso del programa salta a los { $limit }).
learner-wishes = Preferencias no cumplidas
learner-wishes-text = Preferencias de emparejamiento flexibles que la persona mentora actual no cumple.
learner-pauses = Pausas
learner-pause = con { $mentor }, a petición { $by ->
    [learner] de la persona aprendiz
    [mentor] de la persona mentora
   *[program] del programa
  }
learner-pause-reason = con { $mentor }, a petición { $by ->
    [learner] de la persona aprendiz
    [mentor] de la persona mentora
   *[program] del programa
  }: { $reason }
learner-journey = Trayectoria
learner-modules-caption = Módulos empezados, con fechas
learner-col-module = Módulo
learner-col-started = Inicio
learner-col-completed = Finalización
learner-col-artifact = Producto
learner-col-confidence = Confianza
learner-no-modules = Aún no ha empezado ningún módulo.
learner-sessions = Sesiones
learner-sessions-caption = Sesiones con esta persona
learner-no-sessions = Aún no hay sesiones.
learner-feed = Sus sesiones en su aplicación de calendario: <a href="{ $webcal }">suscribirse</a> · <a href="{ $https }">dirección del calendario</a> (personal: no la comparta con nadie).

## Informe de comprobación y acciones (equipo)

report-lead = { $errors ->
    [one] 1 error
   *[other] { $errors } errores
  } y { $warnings ->
    [one] 1 aviso
   *[other] { $warnings } avisos
  } a fecha de { $today }.
report-actions = <a href="{ $root }actions/">Acciones</a> indica quién debe hacer qué, y para cuándo.
report-caption = Problemas encontrados por las comprobaciones
report-col-code = Código
report-col-where = Dónde
report-col-help = Qué hacer
report-clean = Todo está en orden.
report-learners = Aprendices
report-attention = requiere atención
actions-title = Acciones
actions-lead = A fecha de { $today }: todo lo vencido o que vence hasta el { $horizon }, según quién debe actuar.
actions-count = { $total ->
    [one] 1 acción
   *[other] { $total } acciones
  }, { $overdue ->
    [one] 1 vencida
   *[other] { $overdue } vencidas
  }.
actions-owner-count = { $count ->
    [one] 1 acción
   *[other] { $count } acciones
  }
actions-caption = Lo que debe hacer { $owner }, por orden de vencimiento
actions-col-what = Qué
actions-col-who = Quién
actions-col-due = Vencimiento
actions-col-source = Dónde está escrito
actions-charter = acuerdo
actions-feed = Estos vencimientos en una aplicación de calendario: <a href="{ $webcal }">suscribirse</a> · <a href="{ $https }">dirección del calendario</a> (solo para el equipo: no la comparta con nadie más).
actions-none = No hay nada vencido ni que venza antes del { $after }.
actions-matches = personas mentoras sugeridas

## Emparejamientos sugeridos (equipo)

matches-heading = Emparejamientos sugeridos
matches-title = Emparejamientos sugeridos: { $cohort }
matches-lead = { $waiting ->
    [one] A { $today }, 1 aprendiz de { $cohort } espera en { $stage } una persona mentora
   *[other] A { $today }, { $waiting } aprendices de { $cohort } esperan en { $stage } una persona mentora
  }; { $suggested } con una sugerencia (puntuación total { $total }).
matches-about = Las sugerencias se hacen para la cohorte en su conjunto: se empareja a tantas personas como permiten las reglas y las plazas libres de las personas mentoras, con la mayor puntuación total, de modo que a un aprendiz se le puede sugerir su segunda mejor opción para que otra persona también quede emparejada. Las plazas libres cuentan los emparejamientos de cada persona mentora en todas las cohortes, pero aquí solo se asigna a aprendices de esta cohorte: la página de otra cohorte puede sugerir la misma plaza. El documento <code>docs/matching.md</code> de telemachy explica la puntuación y las reglas.
matches-accept-heading = Cómo aceptarlas
matches-accept-run = Revise las sugerencias y, en el repositorio del programa, ejecute
matches-accept-what = Añade los emparejamientos sugeridos a <code>data/pairs.yaml</code>, cada uno con el objetivo de su aprendiz como primera respuesta de su acuerdo, y comprueba el programa, que indica lo que aún le falta a cada nuevo acuerdo. Sugiere a fecha del día en que se ejecuta: <code>{ $preview }</code> muestra lo que añadiría, sin escribir nada.
matches-since = En espera desde el { $since }.
matches-unmatched = Sin sugerencia:
matches-role = { $role ->
    [suggested] Sugerencia
   *[alternative] Alternativa
  }
matches-score = puntuación { $score }
matches-parts-caption = La puntuación de { $mentor } para { $learner }, parte por parte
matches-col-part = Parte
matches-col-points = Puntos
matches-col-why = Por qué
matches-points = { $points } de { $of }
matches-part = { $part ->
    [goal] Objetivo
    [path] Itinerario
    [weakest_skills] Competencias más débiles
    [expertise] Especialidad deseada
    [language] Idioma
    [waking_overlap] Horas de vigilia en común
    [timezone_window] Margen de huso horario
    [mode] Modalidad de encuentro
   *[other] { $part }
  }
matches-kept-heading = Descartadas por una regla
matches-kept-caption = Personas mentoras que una regla descarta para { $learner }
matches-col-mentor = Persona mentora
matches-col-rule = Regla
matches-rule = { $rule ->
    [capacity] Sin plaza libre
    [earlier_pair] Emparejamiento anterior
    [hard_preference] Preferencia obligatoria
   *[other] { $rule }
  }
matches-nobody = A { $today }, nadie de { $cohort } espera en { $stage } una persona mentora.

## El acuerdo de expectativas: un documento que ambas partes firman

charter-title = Acuerdo de mentoría
charter-eyebrow = { $site } · acuerdo de mentoría
charter-heading = Nuestro acuerdo de mentoría
charter-parties = { $mentor } y { $learner }, desde el { $start }
charter-parties-until = { $mentor } y { $learner }, del { $start } al { $end }
charter-print-hint = Para conservar una copia en papel, utilice la orden Imprimir de su navegador (Ctrl+P o ⌘P) y elija «Guardar como PDF» o una impresora. La página está preparada para papel { $paper }.
charter-goals = 1. Lo que { $learner } desea lograr
charter-offer = 2. Lo que { $mentor } puede ofrecer
charter-limits = Los límites que acordamos
charter-how = 3. Nuestra forma de trabajar
charter-cadence = Con qué frecuencia nos reunimos
charter-modes = Cómo nos reunimos
charter-channels = Entre reuniones
charter-response = En cuánto tiempo respondemos
charter-rescheduling = Si necesitamos cambiar una reunión
charter-notice-hours = Avisamos con al menos { $hours ->
    [one] 1 hora
   *[other] { $hours } horas
  } de antelación.
charter-notice-days = Avisamos con al menos { $days ->
    [one] 1 día
   *[other] { $days } días
  } de antelación.
charter-success = 4. Cómo sabremos que ha funcionado
charter-outcomes = Este acuerdo contribuye a los resultados del programa: { $outcomes }.
charter-phases = 5. Nuestras fases
charter-col-phase = Fase
charter-col-dates = Fechas
charter-col-purpose = Para qué sirve
charter-phase-name = { $phase ->
    [initial] Inicio
    [working] Desarrollo
   *[transition] Transición
  }
charter-phase-purpose = { $phase ->
    [initial] Conocernos, acordar este documento y fijar los primeros objetivos.
    [working] El núcleo del trabajo: reuniones periódicas, práctica y comentarios para alcanzar los objetivos anteriores.
   *[transition] Hacer balance de lo que ha cambiado, planificar los siguientes pasos y cerrar bien la relación.
  }
charter-midpoint = Revisión intermedia:
charter-midpoint-date = { $date }.
charter-midpoint-facilitated = { $date }, facilitada por { $facilitator }.
charter-midpoint-review = Revisamos conjuntamente este acuerdo y cambiamos lo que ya no se ajuste.
charter-paused = En pausa:
charter-pause = { $dates }, a petición { $by ->
    [learner] de la persona aprendiz
    [mentor] de la persona mentora
   *[program] del programa
  }
charter-pause-reason = { $dates }, a petición { $by ->
    [learner] de la persona aprendiz
    [mentor] de la persona mentora
   *[program] del programa
  } ({ $reason })
charter-paused-rule = Durante la pausa no nos reunimos, y los días de pausa no cuentan en contra de ninguna de las partes.
charter-questions = 6. Cómo empezamos cada reunión
charter-ending = 7. Si no funciona
charter-ending-text = Cualquiera de las partes puede poner fin a esta relación de mentoría o pedir otro emparejamiento, en cualquier momento y sin dar explicaciones. Es algo normal en la mentoría, no un fracaso: basta con comunicarlo a { $contact }, que organizará un nuevo emparejamiento o una conversación de cierre. Nadie pedirá a ninguna de las partes que lo justifique, y no afecta a la plaza en el programa de la persona que aprende.
charter-data = 8. Qué conserva el programa sobre nosotros
charter-data-questions = Consultas: { $contact }.
charter-hopes = 9. Lo que { $mentor } espera aprender
charter-agreed = 10. Conformidad
charter-agreed-text = Hemos leído conjuntamente este acuerdo y lo aceptamos.
charter-agreed-on = Hemos leído conjuntamente este acuerdo y lo aceptamos (acordado el { $date }).
charter-signature = Firma:
charter-date = Fecha:
charter-signer-learner = { $name } (aprendiz)
charter-signer-mentor = { $name } (persona mentora)
