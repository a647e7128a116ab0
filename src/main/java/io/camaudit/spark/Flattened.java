package io.camaudit.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The elements of each source element's list, in order, drawn from the source lazily: one source
 * element at a time, when the previous one's list is used up.
 *
 * @param <A> the source's elements
 * @param <B> the elements given
 */
public final class Flattened<A, B> implements Iterator<B> {

  private final Iterator<A> source;
  private final Function<A, List<B>> expand;
  private final Deque<B> pending = new ArrayDeque<>();

  /** The elements of {@code expand} applied to each of {@code source}'s. */
  public Flattened(Iterator<A> source, Function<A, List<B>> expand) {
    this.source = source;
    this.expand = expand;
  }

  @Override
  public boolean hasNext() {
    while (pending.isEmpty() && source.hasNext()) {
      pending.addAll(expand.apply(source.next()));
    }
    return !pending.isEmpty();
  }

  @Override
  public B next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return pending.removeFirst();
  }
}
