#pragma once

// Helpers for the widget tests: the dark palette they all check against, and pictures written where a
// person can look at them.

#include "workbench/preferences.h"

#include <QApplication>
#include <QColor>
#include <QDir>
#include <QImage>
#include <QPalette>
#include <QSize>
#include <QString>
#include <QStyle>
#include <QTest>
#include <QWidget>

namespace RwbTest {

// Where test pictures go: RWB_RENDER_DIR, or screenshots/ in the test's build folder. Created on use.
inline QString screenshotDir()
{
    const QString dir =
        qEnvironmentVariable("RWB_RENDER_DIR", QStringLiteral(QT_TESTCASE_BUILDDIR "/screenshots"));
    QDir().mkpath(dir);
    return dir;
}

// Grabs the widget, saves it as screenshotDir()/fileName and says where. The image, null on failure.
inline QImage saveScreenshot(QWidget &widget, const QString &fileName)
{
    const QImage image = widget.grab().toImage();
    const QString path = screenshotDir() + QLatin1Char('/') + fileName;
    if (!image.save(path))
        return {};
    qInfo("Picture: %s", qPrintable(path));
    return image;
}

// A dark desktop palette (as a dark Plasma or GNOME theme gives): the window's own dark theme, so that
// the tests look at what a user who picks it sees.
inline QPalette darkPalette()
{
    return Rwb::Preferences::palette(Rwb::Preferences::Theme::Dark, QPalette());
}

// Light (the style's own palette) or dark, for the whole application.
inline void applyTheme(bool dark)
{
    QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
}

// The rows of a test that renders the window as people use it: columns "dark" (bool) and "size" (QSize),
// 1440x900 and 1280x720, light and dark.
inline void addScreenRows()
{
    QTest::addColumn<bool>("dark");
    QTest::addColumn<QSize>("size");
    QTest::newRow("light-1440") << false << QSize(1440, 900);
    QTest::newRow("dark-1440") << true << QSize(1440, 900);
    QTest::newRow("light-1280") << false << QSize(1280, 720);
    QTest::newRow("dark-1280") << true << QSize(1280, 720);
}

}  // namespace RwbTest
