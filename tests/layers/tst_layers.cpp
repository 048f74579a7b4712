#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLibraryInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

// Reads every product source file and checks what it includes against the layer it lives in.
class TestLayers : public QObject
{
    Q_OBJECT

public:
    struct Layer {
        QString folder;                 // relative to the source tree, with a trailing '/'
        bool allowGui = false;          // Qt Gui headers (QColor, QPalette, ...)
        bool allowWidgets = false;      // Qt Widgets headers
        QStringList forbiddenPrefixes;  // quoted includes of layers above ("widgets/")
    };

private:
    static QList<Layer> layers()
    {
        const QStringList ui{QStringLiteral("workbench/"), QStringLiteral("widgets/")};
        return {
            {QStringLiteral("app/core/"), false, false,
             ui + QStringList{QStringLiteral("sandbox/"), QStringLiteral("support/")}},
            {QStringLiteral("app/sandbox/"), false, false, ui + QStringList{QStringLiteral("support/")}},
            {QStringLiteral("app/cli/"), false, false, ui + QStringList{QStringLiteral("support/")}},
            {QStringLiteral("ui/workbench/"),
             true,
             false,
             {QStringLiteral("widgets/"), QStringLiteral("support/")}},
            {QStringLiteral("ui/widgets/"), true, true, {QStringLiteral("support/")}},
        };
    }

    // The header names of one Qt module ("QColor", "qcolor.h", "QtGui"), from the installed headers.
    static QSet<QString> moduleHeaders(const QString &module)
    {
        QSet<QString> names{module};
        const QString dir = QLibraryInfo::path(QLibraryInfo::HeadersPath) + QLatin1Char('/') + module;
        QDirIterator it(dir, QDir::Files);
        while (it.hasNext()) {
            it.next();
            names.insert(it.fileName());
        }
        return names;
    }

    // What is wrong with `text` (one problem a line), living at `path` in `layer`.
    // (The pattern is a plain string literal: moc does not read raw string literals here.)
    static QStringList problems(const QString &path, const QByteArray &text, const Layer &layer,
                                const QSet<QString> &gui, const QSet<QString> &widgets)
    {
        static const QRegularExpression include(QStringLiteral("^\\s*#\\s*include\\s*([<\"])([^>\"]+)[>\"]"),
                                                QRegularExpression::MultilineOption);
        QStringList found;
        auto it = include.globalMatch(QString::fromUtf8(text));
        while (it.hasNext()) {
            const auto m = it.next();
            const bool angled = m.captured(1) == QLatin1String("<");
            const QString name = m.captured(2);
            if (angled) {
                const QString module = name.section(QLatin1Char('/'), 0, 0);
                const QString base = name.section(QLatin1Char('/'), -1);
                const bool isGui = module == QLatin1String("QtGui")
                                   || (!name.contains(QLatin1Char('/')) && gui.contains(base));
                const bool isWidgets = module == QLatin1String("QtWidgets")
                                       || (!name.contains(QLatin1Char('/')) && widgets.contains(base));
                if (isWidgets && !layer.allowWidgets)
                    found << QStringLiteral("%1 includes the Qt Widgets header <%2>").arg(path, name);
                else if (isGui && !layer.allowGui)
                    found << QStringLiteral("%1 includes the Qt Gui header <%2>").arg(path, name);
                continue;
            }
            for (const QString &prefix : layer.forbiddenPrefixes) {
                if (name.startsWith(prefix))
                    found << QStringLiteral("%1 includes \"%2\" from a layer above it").arg(path, name);
            }
            if (name.contains(QLatin1String("private/")) && !name.startsWith(QLatin1String("private/")))
                found << QStringLiteral("%1 includes another folder's private header \"%2\"").arg(path, name);
        }
        return found;
    }

private slots:
    void initTestCase()
    {
        m_gui = moduleHeaders(QStringLiteral("QtGui"));
        m_widgets = moduleHeaders(QStringLiteral("QtWidgets"));
        // Without Qt's headers every check below would pass for nothing.
        QVERIFY2(m_gui.contains(QStringLiteral("QColor")), "Qt Gui's headers not found");
        QVERIFY2(m_widgets.contains(QStringLiteral("QWidget")), "Qt Widgets' headers not found");
        QVERIFY(!m_gui.contains(QStringLiteral("QString")));
    }

    // The checker itself finds what it must.
    void checkerFindsViolations_data()
    {
        QTest::addColumn<int>("layer");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("expected");
        QTest::newRow("core QColor") << 0 << QByteArray("#include <QColor>\n") << 1;
        QTest::newRow("core QtWidgets/QWidget") << 0 << QByteArray("#include <QtWidgets/QWidget>\n") << 1;
        QTest::newRow("core QApplication") << 0 << QByteArray("  #  include <QApplication>\n") << 1;
        QTest::newRow("core widgets/") << 0 << QByteArray("#include \"widgets/mainwindow.h\"\n") << 1;
        QTest::newRow("core sandbox/") << 0 << QByteArray("#include \"sandbox/rules.h\"\n") << 1;
        QTest::newRow("core other private")
            << 0 << QByteArray("#include \"core/engine/private/x_p.h\"\n") << 1;
        QTest::newRow("core own private") << 0 << QByteArray("#include \"private/x_p.h\"\n") << 0;
        QTest::newRow("core QString QUrl") << 0 << QByteArray("#include <QString>\n#include <QUrl>\n") << 0;
        QTest::newRow("cli workbench/") << 2 << QByteArray("#include \"workbench/theme.h\"\n") << 1;
        QTest::newRow("workbench QPalette") << 3 << QByteArray("#include <QPalette>\n") << 0;
        QTest::newRow("workbench QStyle") << 3 << QByteArray("#include <QStyle>\n") << 1;
        QTest::newRow("widgets QStyle") << 4 << QByteArray("#include <QStyle>\n") << 0;
    }
    void checkerFindsViolations()
    {
        QFETCH(int, layer);
        QFETCH(QByteArray, text);
        QFETCH(int, expected);
        const QStringList found =
            problems(QStringLiteral("x.cpp"), text, layers().at(layer), m_gui, m_widgets);
        QCOMPARE(found.size(), expected);
    }

    void sourcesKeepTheirLayer_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("layer");
        const QDir root(QStringLiteral(RWB_SOURCE_DIR));
        const QList<Layer> all = layers();
        for (int i = 0; i < all.size(); ++i) {
            int files = 0;
            QDirIterator it(root.filePath(all.at(i).folder), {QStringLiteral("*.h"), QStringLiteral("*.cpp")},
                            QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = root.relativeFilePath(it.next());
                QTest::newRow(qPrintable(path)) << path << i;
                ++files;
            }
            // A folder that was moved away would leave its layer unchecked.
            QVERIFY2(files >= 5, qPrintable(all.at(i).folder + QStringLiteral(": too few files found")));
        }
    }
    void sourcesKeepTheirLayer()
    {
        QFETCH(QString, path);
        QFETCH(int, layer);
        QFile file(QDir(QStringLiteral(RWB_SOURCE_DIR)).filePath(path));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
        const QStringList found = problems(path, file.readAll(), layers().at(layer), m_gui, m_widgets);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
    }

private:
    QSet<QString> m_gui;
    QSet<QString> m_widgets;
};

QTEST_GUILESS_MAIN(TestLayers)
#include "tst_layers.moc"
