import {
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { useState } from 'react';
import { ApiError, describeError } from '../../api/client';
import { Time } from '../../shared/components/time';
import { useNotify } from '../../shared/components/toast';
import { CompleteForm } from './CompleteForm';
import { type Task, type TaskStatus, statuses, statusLabel, typeLabel, useUpdateTask } from './api';

/** Left and right arrows jump a picked-up card to the neighbouring column (Space picks up and drops). */
const columnJump: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  const step = event.code === 'ArrowRight' ? 1 : event.code === 'ArrowLeft' ? -1 : 0;
  if (!step) return currentCoordinates;
  event.preventDefault();
  const rects = [...context.droppableRects.values()].sort((a, b) => a.left - b.left);
  // The column the card is in now, from where it is drawn (not from `over`, which may lag a frame).
  const card = context.collisionRect;
  const x = card ? card.left + card.width / 2 : currentCoordinates.x;
  const here = rects.findIndex((r) => x >= r.left && x <= r.left + r.width);
  const target = rects[Math.min(rects.length - 1, Math.max(0, Math.max(here, 0) + step))];
  if (!target) return currentCoordinates;
  const offset = card ? card.left - currentCoordinates.x : 0;
  return { x: target.left + 12 - offset, y: currentCoordinates.y };
};

const announcements = {
  onDragStart: ({ active }: { active: { data: { current?: { title?: string } } } }) =>
    `Picked up ${active.data.current?.title ?? 'task'}. Use left and right arrows to move between columns, space to drop.`,
  onDragOver: ({ over }: { over: { id: string | number } | null }) =>
    over ? `Over ${statusLabel(String(over.id))}.` : 'Not over a column.',
  onDragEnd: ({ over }: { over: { id: string | number } | null }) =>
    over ? `Dropped in ${statusLabel(String(over.id))}.` : 'Dropped back in place.',
  onDragCancel: () => 'Move cancelled; the task is back in its column.',
};

/**
 * The Kanban board by status. A move is shown at once and sent to the server; a refusal (409) puts
 * the card back and says why. Dropping on Completed asks for the resolution reason first.
 */
export function Board({
  tasks,
  zone,
  onOpen,
}: {
  tasks: Task[];
  zone: string;
  onOpen: (id: string) => void;
}) {
  const update = useUpdateTask();
  const notify = useNotify();
  const [dragging, setDragging] = useState<Task | null>(null);
  const [completing, setCompleting] = useState<Task | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnJump }),
  );

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    const task = tasks.find((t) => t.id === active.id);
    const status = over?.id as TaskStatus | undefined;
    if (!task || !status || status === task.status) return;
    if (status === 'completed') {
      setCompleting(task);
      return;
    }
    update.mutate(
      { id: task.id, patch: { status } },
      {
        onSuccess: () =>
          notify(`Moved “${task.title}” to ${statusLabel(status)}.`, 'success', {
            label: 'Undo',
            run: () => update.mutate({ id: task.id, patch: { status: task.status } }),
          }),
        onError: (e) =>
          notify(
            `“${task.title}” stays in ${statusLabel(task.status)}: ${e instanceof ApiError && e.status === 409 ? e.message : describeError(e)}`,
            'error',
          ),
      },
    );
  };

  return (
    <DndContext
      sensors={sensors}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            'Press space to pick up a task. Arrow keys move it between columns; space drops it; escape cancels.',
        },
      }}
      onDragStart={({ active }) => setDragging(tasks.find((t) => t.id === active.id) ?? null)}
      onDragCancel={() => setDragging(null)}
      onDragEnd={onDragEnd}
    >
      <div className="board">
        {statuses.map(([status, label]) => (
          <Column
            key={status}
            status={status}
            label={label}
            tasks={tasks.filter((t) => t.status === status)}
            zone={zone}
            onOpen={onOpen}
          />
        ))}
      </div>
      <DragOverlay>{dragging ? <CardFace task={dragging} zone={zone} /> : null}</DragOverlay>
      {completing && (
        <div className="dialog-backdrop">
          <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="complete-dialog-title">
            <h2 id="complete-dialog-title">Complete “{completing.title}”</h2>
            <CompleteForm
              taskId={completing.id}
              taskType={completing.type}
              onDone={() => setCompleting(null)}
            />
            <button type="button" className="button ghost" onClick={() => setCompleting(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </DndContext>
  );
}

function Column({
  status,
  label,
  tasks,
  zone,
  onOpen,
}: {
  status: TaskStatus;
  label: string;
  tasks: Task[];
  zone: string;
  onOpen: (id: string) => void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: status });
  return (
    <section
      ref={setNodeRef}
      className={isOver ? 'column over' : 'column'}
      aria-labelledby={`col-${status}`}
      data-status={status}
    >
      <h2 id={`col-${status}`}>
        {label} <span className="count">{tasks.length}</span>
      </h2>
      <ul aria-label={label}>
        {tasks.map((t) => (
          <Card key={t.id} task={t} zone={zone} onOpen={onOpen} />
        ))}
      </ul>
    </section>
  );
}

function Card({ task, zone, onOpen }: { task: Task; zone: string; onOpen: (id: string) => void }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: task.id,
    data: { title: task.title },
    attributes: { roleDescription: 'draggable task' },
  });
  return (
    <li className={isDragging ? 'card-slot dragging' : 'card-slot'}>
      <div ref={setNodeRef} {...attributes} {...listeners} className="task-card">
        <CardFace task={task} zone={zone} />
      </div>
      <button
        type="button"
        className="link-button small open-task"
        onClick={() => onOpen(task.id)}
        aria-label={`Open ${task.title}`}
      >
        Open
      </button>
    </li>
  );
}

function CardFace({ task, zone }: { task: Task; zone: string }) {
  return (
    <div className="card-face">
      <span className="card-type">{typeLabel(task.type)}</span>
      <strong>{task.title}</strong>
      <span className="muted small">
        {task.assignee?.name ?? 'Unassigned'}
        {task.jobNumber ? ` · Job ${task.jobNumber}` : ''}
      </span>
      {task.dueAt && (
        <span className="small">
          Due <Time value={task.dueAt} zone={zone} />
        </span>
      )}
    </div>
  );
}
