package dev.moddesk.app.core;

import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.paint.Color;
import javafx.scene.shape.SVGPath;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;

/**
 * A few Feather line icons (MIT licence, the same drawings as Ikonli's {@code fth-} pack) as stroked SVG paths, for
 * the sign-in form: loading the icon font and Ikonli's handlers cost the first paint more than the form itself. Drawn
 * on Feather's 24-unit grid with a 2-unit stroke and scaled to {@link #SIZE} px, AtlantaFX's icon size; the stroke
 * follows the text colour of the control the icon sits in, so hover, focus, accent and dark look as with the font.
 */
public enum LineIcon {
    SHIELD("M12 22s8-4 8-10V5l-8-3l-8 3v7c0 6 8 10 8 10z"),
    X("M18 6L6 18M6 6l12 12"),
    BOOKMARK("M19 21l-7-5l-7 5V5a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2z"),
    TRASH("M3 6h18M19 6v14a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V6m3 0V4a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2M10 11v6M14 11v6"),
    LOG_IN("M15 3h4a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-4M10 17l5-5l-5-5M15 12H3"),
    CHEVRON_DOWN("M6 9l6 6l6-6"),
    CHEVRON_UP("M18 15l-6-6l-6 6");

    /** Pixels on screen: AtlantaFX gives Ikonli icons 18 px. */
    public static final double SIZE = 18;
    private static final double GRID = 24;

    private final String path;

    LineIcon(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** The icon as {@code owner}'s graphic, stroked in its text colour. */
    public Node on(Labeled owner) {
        SVGPath shape = new SVGPath();
        shape.setContent(path);
        shape.setFill(Color.TRANSPARENT);
        shape.setStrokeWidth(2);
        shape.setStrokeLineCap(StrokeLineCap.ROUND);
        shape.setStrokeLineJoin(StrokeLineJoin.ROUND);
        shape.strokeProperty().bind(owner.textFillProperty());
        shape.setScaleX(SIZE / GRID);
        shape.setScaleY(SIZE / GRID);
        Group icon = new Group(shape); // a Group's bounds include the scale, so the control lays out 18 px
        icon.getStyleClass().add("line-icon");
        icon.setUserData(this);
        owner.setGraphic(icon);
        return icon;
    }
}
