package dev.moddesk.app.review;

import dev.moddesk.contract.review.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * One answer beside its question ({@code answer.fxml}), the text wrapped to the width it is given and screened words
 * marked. Used like a list cell: the application pane keeps one per answer position and {@link #show}s the next
 * application's answers in the same views, so moving on does not load FXML again.
 *
 * <p>Thread: the FX thread.
 */
public final class AnswerView extends HBox {

    private final ReviewText text;
    @FXML
    private Label questionLabel;
    @FXML
    private TextFlow answerFlow;

    public AnswerView(ReviewText text) {
        this.text = text;
        FXMLLoader loader = new FXMLLoader(AnswerView.class.getResource("/fxml/review/answer.fxml"));
        loader.setRoot(this);
        loader.setController(this);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("answer.fxml did not load", e);
        }
    }

    /** Shows {@code a}: plain text as wrapping {@link Text}, each screened word as a marked label with its term. */
    void show(Answer a) {
        questionLabel.setText(a.position() + ". " + (a.question() == null ? "" : a.question()));
        List<Node> parts = new ArrayList<>();
        for (ApplicationModel.Segment s : ApplicationModel.segments(a)) {
            if (s.screened()) {
                Label word = new Label(s.text());
                word.getStyleClass().add("review-screened");
                word.setAccessibleHelp(text.get("review.screened.help", s.term()));
                parts.add(word);
            } else {
                Text plain = new Text(s.text());
                plain.getStyleClass().add("review-answer-text");
                parts.add(plain);
            }
        }
        answerFlow.getChildren().setAll(parts);
    }
}
