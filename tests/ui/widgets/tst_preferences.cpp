// Edit → Preferences (issue 13): the defaults of a new request, the runs kept per case and the theme, kept
// with QSettings, given to the scratch request at start and on OK, never to a saved case; a broken settings
// file falls back to the defaults.
#include "support/uitest.h"
#include "widgets/mainwindow.h"
#include "widgets/preferencesdialog.h"
#include "widgets/requesteditor.h"
#include "widgets/sessioncontroller.h"
#include "workbench/preferences.h"
#include "workbench/theme.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Rwb;

class tst_Preferences : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void dialogRoundTrip();
    void newWindowTakesTheDefaults();
    void themeAppliesAndComesBack();
    void brokenSettingsFallBack();
    void aSelectedCaseKeepsItsOptions();
    void render_data();
    void render();

private:
    QTemporaryDir m_settingsDir;
};

void tst_Preferences::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("rwb-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_preferences"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void tst_Preferences::init()
{
    QSettings().clear();
}

void tst_Preferences::dialogRoundTrip()
{
    Preferences p;
    p.profile = Profile::Strict;
    p.maxRedirects = 7;
    p.timeoutMs = 2500;
    p.userAgent = QStringLiteral("firefox");
    p.theme = Preferences::Theme::Dark;
    p.runsKept = 12;
    PreferencesDialog dialog(p);
    QCOMPARE(dialog.preferences(), p);
    QCOMPARE(dialog.runsKeptBox()->minimum(), 1);  // the latest run is always kept
    dialog.runsKeptBox()->setValue(2);
    QCOMPARE(dialog.preferences().runsKept, 2);
    dialog.profileBox()->setCurrentIndex(0);  // the one used last
    dialog.limitBox()->setValue(dialog.limitBox()->minimum());
    dialog.userAgentBox()->setCurrentIndex(0);
    const Preferences edited = dialog.preferences();
    QCOMPARE(edited.profile, std::nullopt);
    QCOMPARE(edited.maxRedirects, std::nullopt);
    QVERIFY(edited.userAgent.isEmpty());
    edited.save();
    QCOMPARE(Preferences::load(), edited);
}

void tst_Preferences::newWindowTakesTheDefaults()
{
    Preferences p;
    p.profile = Profile::Curl;
    p.maxRedirects = 3;
    p.timeoutMs = 5000;
    p.userAgent = QStringLiteral("safari");
    p.save();
    QSettings().setValue(QStringLiteral("request/profile"), QStringLiteral("strict"));  // used last
    MainWindow window;
    const Options o = window.requestEditor()->options();
    QCOMPARE(o.profile, Profile::Curl);  // the preference wins over the one used last
    QCOMPARE(o.maxRedirects, std::optional<int>(3));
    QCOMPARE(o.timeoutMs, 5000);
    QCOMPARE(o.userAgent, QStringLiteral("safari"));
    QCOMPARE(window.sessionController()->runsKept(), kDefaultRunsKept);
    // "The one used last" leaves the last profile alone.
    Preferences last;
    last.save();
    MainWindow again;
    QCOMPARE(again.requestEditor()->options().profile, Profile::Strict);
    // Edit → Preferences has its shortcut.
    QCOMPARE(again.actions().preferences->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));
}

void tst_Preferences::themeAppliesAndComesBack()
{
    const QPalette desktop = QApplication::palette();
    QVERIFY(!Theme::isDark(desktop));
    MainWindow window;
    Preferences dark;
    dark.theme = Preferences::Theme::Dark;
    window.applyPreferences(dark, false);
    QVERIFY(Theme::isDark(QApplication::palette()));
    QTRY_VERIFY(Theme::isDark(window.palette()));
    Preferences system;
    window.applyPreferences(system, false);
    QCOMPARE(QApplication::palette().color(QPalette::Window), desktop.color(QPalette::Window));
}

void tst_Preferences::brokenSettingsFallBack()
{
    QSettings s;
    s.setValue(QStringLiteral("preferences/profile"), QStringLiteral("netscape"));
    s.setValue(QStringLiteral("preferences/maxRedirects"), QStringLiteral("lots"));
    s.setValue(QStringLiteral("preferences/timeoutMs"), -4);
    s.setValue(QStringLiteral("preferences/theme"), QStringLiteral("neon"));
    s.setValue(QStringLiteral("preferences/runsKept"), 0);
    const Preferences p = Preferences::load();
    QCOMPARE(p, Preferences());
}

void tst_Preferences::aSelectedCaseKeepsItsOptions()
{
    MainWindow window;
    SessionCase c;
    c.name = QStringLiteral("kept");
    c.request.url = QStringLiteral("http://127.0.0.1:1/x");
    c.options.profile = Profile::Browser;
    c.options.timeoutMs = 1234;
    window.addCase(c);
    Preferences p;
    p.profile = Profile::Curl;
    p.timeoutMs = 9000;
    p.runsKept = 9;
    p.save();
    // What OK does with a case selected: the case's options stay in the editor.
    window.applyPreferences(p, !window.currentCase().isValid());
    QCOMPARE(window.requestEditor()->options().profile, Profile::Browser);
    QCOMPARE(window.requestEditor()->options().timeoutMs, 1234);
    // The number of runs kept applies to every case.
    QCOMPARE(window.sessionController()->runsKept(), 9);
}

void tst_Preferences::render_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

// The dialog as it opens: every label and field whole, the intro not cut.
void tst_Preferences::render()
{
    QFETCH(bool, dark);
    RwbTest::applyTheme(dark);
    Preferences p;
    p.userAgent = QStringLiteral("firefox");
    PreferencesDialog dialog(p);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!RwbTest::saveScreenshot(dialog, dark ? QStringLiteral("preferences-dark.png")
                                                  : QStringLiteral("preferences-light.png"))
                 .isNull());
    for (const QLabel *label : dialog.findChildren<QLabel *>()) {
        if (!label->isVisible())
            continue;
        const int needed =
            label->wordWrap() ? label->heightForWidth(label->width()) : label->sizeHint().height();
        QVERIFY2(label->height() >= needed
                     && (label->wordWrap() || label->width() >= label->sizeHint().width()),
                 qPrintable(label->text()));
    }
    for (QWidget *field : QList<QWidget *>{dialog.profileBox(), dialog.limitBox(), dialog.timeoutBox(),
                                           dialog.userAgentBox(), dialog.themeBox(), dialog.runsKeptBox()})
        QVERIFY2(field->width() >= field->minimumSizeHint().width(), qPrintable(field->objectName()));
    QApplication::setPalette(QApplication::style()->standardPalette());
}

QTEST_MAIN(tst_Preferences)
#include "tst_preferences.moc"
