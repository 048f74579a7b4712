#pragma once

// Helpers for the widget tests: the dark palette they all check against, and pictures written where a
// person can look at them.

#include <QColor>
#include <QDir>
#include <QImage>
#include <QPalette>
#include <QString>
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

// A dark desktop palette (as a dark Plasma or GNOME theme gives): every role the widgets read.
inline QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xd8));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xe6, 0xe6));
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    for (const QPalette::ColorRole role : {QPalette::Text, QPalette::ButtonText, QPalette::WindowText})
        p.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
    return p;
}

}  // namespace RwbTest
