### Arabic, partial: the words a reader meets first (navigation, the main
### headings, the not-found page) and the charter's headings and signature
### lines, enough to see a right-to-left page at work. The browser and
### print tests copy it into a copy of the demo as
### themes/default/i18n/ar.ftl; every message it lacks is shown in English.

## Navigation and page frame

nav-home = الرئيسية
nav-cohorts = الدفعات
nav-mentors = المرشدون
nav-calendar = التقويم
nav-privacy = الخصوصية
nav-search = البحث
nav-report = تقرير الفحص
nav-actions = المهام
base-skip = انتقل إلى المحتوى
base-nav-label = القائمة الرئيسية
base-staff-banner = عرض خاص بفريق البرنامج: يحتوي على بيانات شخصية. لا تنشره.

## Words several pages share

common-breadcrumb = مسار التنقل
common-path = المسار:
common-timezone = المنطقة الزمنية:
common-progress = التقدّم
common-col-when = الموعد ({ $timezone })
common-col-what = الموضوع
common-col-cohort = الدفعة
common-col-session = الجلسة
common-col-status = الحالة
common-col-learners = المتعلّمون
common-stage = { $stage ->
    [diagnosis] التشخيص
    [foundations] الأسس
    [practice] الممارسة
    [feedback] التغذية الراجعة
   *[application] التطبيق
  }

## Home, paths, modules, cohorts

home-paths = مسارات التعلّم
home-outcomes = الغاية من البرنامج
home-upcoming = الجلسات القادمة
home-subscribe = اشترك في التقويم
path-glance = المسار في لمحة
module-pager = الوحدة السابقة والوحدة التالية
cohort-members = أعضاء هذه الدفعة
cohort-schedule = الجدول

## Mentors, calendar, privacy

mentors-expertise = مجالات الخبرة
mentors-languages = اللغات
mentors-timezone = المنطقة الزمنية
calendar-title = التقويم
calendar-subscribe = الاشتراك
calendar-howto = طريقة الاشتراك
calendar-upcoming = القادم
privacy-collected = ما نجمعه
privacy-why = لماذا نجمعه
privacy-who = من يطّلع عليه
privacy-retention = مدة الاحتفاظ به

## Search and the missing page

search-label = ابحث في الوحدات والصفحات
search-button = بحث
notfound-title = الصفحة غير موجودة
notfound-text = الصفحة التي طلبتها ليست هنا. ربما نُقلت عندما تغيّر المنهج.
notfound-links = <a href="{ $root }">انتقل إلى الصفحة الرئيسية</a> أو <a href="{ $root }search/">ابحث في الموقع</a>.

## The expectations charter

charter-title = ميثاق الإرشاد
charter-eyebrow = { $site } · ميثاق الإرشاد
charter-heading = ميثاق الإرشاد بيننا
charter-parties = { $mentor } و { $learner }، ابتداءً من { $start }
charter-parties-until = { $mentor } و { $learner }، من { $start } إلى { $end }
charter-print-hint = للاحتفاظ بنسخة ورقية، استخدم أمر الطباعة في متصفحك (Ctrl+P أو ⌘P) واختر «حفظ بتنسيق PDF» أو طابعة. الصفحة مُعدّة للطباعة على ورق { $paper }.
charter-goals = 1. أهداف { $learner }
charter-offer = 2. ما لدى { $mentor } لتقديمه
charter-limits = الحدود التي نتفق عليها
charter-how = 3. كيف نعمل معًا
charter-cadence = وتيرة لقاءاتنا
charter-modes = كيف نلتقي
charter-channels = بين اللقاءات
charter-response = سرعة الرد
charter-rescheduling = إذا احتجنا إلى تغيير موعد لقاء
charter-notice-hours = نُبلغ بذلك قبل { $hours ->
    [one] ساعة واحدة
    [two] ساعتين
    [few] { $hours } ساعات
    [many] { $hours } ساعة
   *[other] { $hours } ساعة
  } على الأقل.
charter-notice-days = نُبلغ بذلك قبل { $days ->
    [one] يوم واحد
    [two] يومين
    [few] { $days } أيام
    [many] { $days } يومًا
   *[other] { $days } يوم
  } على الأقل.
charter-success = 4. كيف نعرف أننا نجحنا
charter-outcomes = يخدم هذا غايات البرنامج: { $outcomes }.
charter-phases = 5. مراحلنا
charter-col-phase = المرحلة
charter-col-dates = التواريخ
charter-col-purpose = الغرض منها
charter-phase-name = { $phase ->
    [initial] البداية
    [working] العمل
   *[transition] الانتقال
  }
charter-phase-purpose = { $phase ->
    [initial] التعارف، والاتفاق على هذا الميثاق وعلى الأهداف الأولى.
    [working] صُلب العمل: لقاءات منتظمة وممارسة وتغذية راجعة نحو الأهداف المذكورة أعلاه.
   *[transition] مراجعة ما تغيّر، والتخطيط لما يلي، وختام العلاقة على نحو حسن.
  }
charter-midpoint = مراجعة منتصف المدة:
charter-midpoint-date = { $date }.
charter-midpoint-facilitated = { $date }، بتيسير من { $facilitator }.
charter-midpoint-review = نراجع هذا الميثاق معًا ونغيّر ما لم يعد مناسبًا.
charter-questions = 6. كيف نبدأ كل لقاء
charter-ending = 7. إذا لم تنجح العلاقة
charter-ending-text = يحق لأيٍّ منا أن يُنهي علاقة الإرشاد هذه أو أن يطلب مطابقة أخرى، في أي وقت ودون إبداء أسباب. هذا جزء طبيعي من الإرشاد وليس إخفاقًا: نُبلغ { $contact } ليرتّب مطابقة جديدة أو حديثًا ختاميًا. لن يُطلب من أيٍّ منا تبرير ذلك، ولا يمسّ ذلك مكان الطرف المتعلّم في البرنامج.
charter-data = 8. ما يحتفظ به البرنامج عنا
charter-data-questions = للاستفسار: { $contact }.
charter-hopes = 9. آمال { $mentor } في التعلّم
charter-agreed = 10. الموافقة
charter-agreed-text = قرأنا هذا الميثاق معًا ونوافق عليه.
charter-agreed-on = قرأنا هذا الميثاق معًا ونوافق عليه (تاريخ الموافقة: { $date }).
charter-signature = التوقيع:
charter-date = التاريخ:
charter-signer-learner = { $name } (الطرف المتعلّم)
charter-signer-mentor = { $name } (الطرف المرشد)
