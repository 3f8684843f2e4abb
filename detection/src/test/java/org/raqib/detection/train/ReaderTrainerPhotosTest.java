package org.raqib.detection.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raqib.detection.dataset.LabelledPhotos;
import org.raqib.detection.dataset.LabelledPhotos.Photo;
import org.raqib.detection.dataset.SceneManifests;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReaderTrainerPhotosTest {

    @TempDir
    Path dir;

    @Test
    void theNetworkTrainsOnTheTrainingPhotosLessALeftOutReaderFold() throws IOException {
        // given 40 generated scenes in the photos' manifest format
        List<Photo> photos = LabelledPhotos.read(SceneManifests.write(dir, 40, 6100, false));
        List<Photo> training = photos.stream().filter(p -> !p.isValidation()).toList();
        // when the training photos are chosen with no fold left out, then each fold left out
        List<Photo> all = ReaderTrainer.trainingPhotos(photos, null);
        List<Photo> withoutA = ReaderTrainer.trainingPhotos(photos, "A");
        List<Photo> withoutB = ReaderTrainer.trainingPhotos(photos, "B");
        // then no validation photo is ever trained on, and a left-out fold's photos are not either
        assertEquals(training, all);
        assertTrue(withoutA.stream().noneMatch(FoldReaders::inFoldA), "fold A left out");
        assertTrue(withoutB.stream().allMatch(FoldReaders::inFoldA), "fold B left out");
        assertFalse(withoutA.isEmpty());
        assertFalse(withoutB.isEmpty());
        // and the two fold networks together train on every training photo, each on exactly one of them
        Set<Photo> union = new HashSet<>(withoutA);
        union.addAll(withoutB);
        assertEquals(new HashSet<>(training), union);
        assertEquals(training.size(), withoutA.size() + withoutB.size());
    }
}
