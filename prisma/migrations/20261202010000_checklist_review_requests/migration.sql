-- AlterTable
ALTER TABLE "ChecklistItem" ADD COLUMN     "reviewRequestedAt" TIMESTAMP(3),
ADD COLUMN     "reviewRequestedById" TEXT;
